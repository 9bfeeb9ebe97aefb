//! The xlsx package as parts: read within limits, and written again with every part that was
//! not edited copied byte for byte (still compressed, as it was) and the edited and new parts
//! after it.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use zip::ZipArchive;
use zip::write::{SimpleFileOptions, ZipWriter};

/// No part is read past this many bytes (a zip bomb stops here).
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
    /// Parts to write instead of the original, and new parts, by name.
    changed: BTreeMap<String, Vec<u8>>,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, String> {
        let archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("不是可读的 XLSX 工作簿（zip 包无法打开：{e}）"))?;
        if let Some(finding) = crate::import::package::too_many_parts(archive.len()) {
            return Err(finding);
        }
        let names = archive
            .file_names()
            .map(|n| n.map(|n| n.into_owned()))
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| format!("不是可读的 XLSX 工作簿（zip 包无法打开：{e}）"))?;
        Ok(Package {
            archive,
            names,
            changed: BTreeMap::new(),
        })
    }

    /// Whether a part of that name exists (ignoring case, as the package format does).
    pub fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n.eq_ignore_ascii_case(name))
            || self.changed.keys().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// The parts whose names end so (ignoring case), original and added.
    pub fn names_ending(&self, suffix: &str) -> Vec<String> {
        let suffix = suffix.to_ascii_lowercase();
        self.names
            .iter()
            .chain(self.changed.keys())
            .filter(|n| n.to_ascii_lowercase().ends_with(&suffix))
            .cloned()
            .collect()
    }

    /// A part as text (as edited so far), `None` when the package has no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        if let Some(bytes) = self.changed.get(name) {
            return Ok(Some(String::from_utf8_lossy(bytes).into_owned()));
        }
        let Some(real) = self.names.iter().find(|n| n.eq_ignore_ascii_case(name)) else {
            return Ok(None);
        };
        let file = self
            .archive
            .by_name(&real.clone())
            .map_err(|e| format!("{name} 无法读取：{e}"))?;
        let mut bytes = Vec::new();
        file.take(MAX_PART_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name} 无法读取：{e}"))?;
        let text = String::from_utf8(bytes).map_err(|_| format!("{name} 不是 UTF-8 编码的 XML"))?;
        Ok(Some(text))
    }

    /// Replaces a part (keeping the original's name spelling) or adds a new one.
    pub fn put(&mut self, name: &str, text: String) {
        let name = self
            .names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(name))
            .cloned()
            .unwrap_or_else(|| name.to_owned());
        self.changed.insert(name, text.into_bytes());
    }

    /// The first free part name from a pattern (`xl/comments{}.xml` → `xl/comments1.xml`, …).
    pub fn free_name(&self, pattern: &str) -> (String, usize) {
        let mut n = 1;
        loop {
            let name = pattern.replace("{}", &n.to_string());
            if !self.has(&name) {
                return (name, n);
            }
            n += 1;
        }
    }

    /// The package written again: original parts in their order, then the new ones.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        let fail = |e: zip::result::ZipError| format!("写入工作簿失败：{e}");
        let io = |e: std::io::Error| format!("写入工作簿失败：{e}");
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for i in 0..self.archive.len() {
            let file = self.archive.by_index_raw(i).map_err(fail)?;
            let name = file.name().map_err(fail)?.into_owned();
            match self.changed.remove(&name) {
                Some(bytes) => {
                    drop(file);
                    writer.start_file(name, options).map_err(fail)?;
                    writer.write_all(&bytes).map_err(io)?;
                }
                None => writer.raw_copy_file(file).map_err(fail)?,
            }
        }
        for (name, bytes) in std::mem::take(&mut self.changed) {
            writer.start_file(name, options).map_err(fail)?;
            writer.write_all(&bytes).map_err(io)?;
        }
        Ok(writer.finish().map_err(fail)?.into_inner())
    }
}

/// A relationship's target as a part name: relative to the folder of the part whose relations
/// these are, or absolute from the package root.
pub fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => folder.split('/').filter(|s| !s.is_empty()).collect(),
    };
    for piece in target.trim_start_matches('/').split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            piece => parts.push(piece),
        }
    }
    parts.join("/")
}

/// The target that leads from a part in `folder` to the part `to`.
pub fn relative(folder: &str, to: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to[common..]);
    out.join("/")
}

/// The folder of a part (`xl/worksheets/sheet1.xml` → `xl/worksheets`).
pub fn folder(part: &str) -> &str {
    part.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// Where a part's relationships are (`xl/worksheets/_rels/sheet1.xml.rels`).
pub fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}
