//! The number formats of an XLSX workbook's cells, which calamine does not expose: a cell
//! formatted as a percentage (`0%`, `0.0%`) holds 1 for 100%, and a cell with fixed decimals
//! (`0.00`) shows its value at that precision. Read from the package itself (styles, workbook
//! relations, each sheet's `s` attributes), within size limits; any problem just means no
//! formats, and cells read as plain numbers.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// No part of the package is read past this many bytes (a zip bomb stops here).
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// How a number cell is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `0.0%`: the value × 100 with a `%`, at these decimals.
    Percent(u32),
    /// `0.00`: this many decimals.
    Fixed(u32),
}

/// Per worksheet name, the format of each (0-based row, column) that has one of interest.
pub type Formats = HashMap<String, HashMap<(usize, usize), Format>>;

pub fn read(bytes: &[u8]) -> Formats {
    read_package(bytes).unwrap_or_default()
}

fn read_package(bytes: &[u8]) -> Option<Formats> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut part = |name: &str| -> Option<String> {
        let file = zip.by_name(name).ok()?;
        let mut text = String::new();
        file.take(MAX_PART_BYTES).read_to_string(&mut text).ok()?;
        Some(text)
    };
    let styles = cell_formats(&part("xl/styles.xml")?);
    if styles.iter().all(Option::is_none) {
        return Some(Formats::new());
    }
    let targets = relations(&part("xl/_rels/workbook.xml.rels")?);
    let sheets = sheet_ids(&part("xl/workbook.xml")?);
    let mut formats = Formats::new();
    for (name, id) in sheets {
        let Some(target) = targets.get(&id) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("xl/{target}"),
        };
        let Some(xml) = part(&path) else { continue };
        formats.insert(name, sheet_cells(&xml, &styles));
    }
    Some(formats)
}

fn attribute(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Each entry of `cellXfs`, in order: the format its number format gives, if of interest.
fn cell_formats(xml: &str) -> Vec<Option<Format>> {
    let mut reader = Reader::from_str(xml);
    let mut custom: HashMap<String, String> = HashMap::new();
    let mut xfs = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) =
                        (attribute(&e, "numFmtId"), attribute(&e, "formatCode"))
                    {
                        custom.insert(id, code);
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id = attribute(&e, "numFmtId").unwrap_or_default();
                    let format = match custom.get(&id) {
                        Some(code) => of_code(code),
                        None => builtin(&id),
                    };
                    xfs.push(format);
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    xfs
}

fn builtin(id: &str) -> Option<Format> {
    match id {
        "9" => Some(Format::Percent(0)),
        "10" => Some(Format::Percent(2)),
        "1" | "3" => Some(Format::Fixed(0)),
        "2" | "4" => Some(Format::Fixed(2)),
        _ => None,
    }
}

/// A format code's first section: `0.0%` is a percentage with one decimal; `#,##0.00` two
/// decimals; text in quotes and `[…]` parts are not digits.
fn of_code(code: &str) -> Option<Format> {
    let first = code.split(';').next().unwrap_or("");
    let mut plain = String::new();
    let mut quoted = false;
    let mut bracket = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            c if !quoted && !bracket => plain.push(c),
            _ => {}
        }
    }
    if plain.contains(['y', 'm', 'd', 'h', 's', 'Y', 'M', 'D', 'H']) || !plain.contains('0') {
        return None;
    }
    let decimals = plain.split_once('.').map_or(0, |(_, after)| {
        after.chars().take_while(|c| *c == '0' || *c == '#').count()
    }) as u32;
    Some(if plain.contains('%') {
        Format::Percent(decimals)
    } else {
        Format::Fixed(decimals)
    })
}

/// `rId3` → `worksheets/sheet1.xml`.
fn relations(xml: &str) -> HashMap<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                if let (Some(id), Some(target)) = (attribute(&e, "Id"), attribute(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Each sheet's name and relation id, in workbook order.
fn sheet_ids(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                if let (Some(name), Some(id)) = (attribute(&e, "name"), attribute(&e, "r:id")) {
                    out.push((name, id));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The cells of a sheet whose style has a format of interest.
fn sheet_cells(xml: &str, styles: &[Option<Format>]) -> HashMap<(usize, usize), Format> {
    let mut reader = Reader::from_str(xml);
    let mut out = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "c" => {
                let format = attribute(&e, "s")
                    .and_then(|s| s.parse::<usize>().ok())
                    .and_then(|s| styles.get(s).copied().flatten());
                if let Some(format) = format
                    && let Some(at) = attribute(&e, "r").as_deref().and_then(cell_ref)
                {
                    out.insert(at, format);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// `E15` → (14, 4).
fn cell_ref(text: &str) -> Option<(usize, usize)> {
    let letters = text.chars().take_while(char::is_ascii_alphabetic).count();
    let (column, row) = text.split_at(letters);
    let column = column
        .chars()
        .try_fold(0usize, |n, c| {
            n.checked_mul(26)?
                .checked_add(c.to_ascii_uppercase() as usize - 'A' as usize + 1)
        })?
        .checked_sub(1)?;
    let row = row.parse::<usize>().ok()?.checked_sub(1)?;
    Some((row, column))
}
