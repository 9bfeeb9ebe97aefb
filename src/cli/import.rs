//! `jixiao import`: target tables (workbooks, CSV, Word, web pages, text tables, PDF) → a spec,
//! with the counts of what was found, not imported and written.

use std::path::{Path, PathBuf};

use super::{Outcome, files, print};
use crate::diagnostic::Diagnostic;
use crate::import::{self, Columns, Imported};
use crate::source::SourceFile;
use crate::syntax::MAX_FILE_BYTES;

/// Workbooks are zipped; allow more bytes than for text.
pub const MAX_WORKBOOK_BYTES: u64 = 4 * MAX_FILE_BYTES as u64;

pub fn run(paths: &[PathBuf], output: Option<&Path>, columns: Option<&str>) -> Outcome {
    let columns = match columns.map(Columns::parse).transpose() {
        Ok(columns) => columns.unwrap_or_default(),
        Err(message) => return Outcome::Failure(message),
    };
    if let Some(out) = output
        && let Some(source) = paths.iter().find(|p| files::same_file(p, out))
    {
        return Outcome::Failure(format!(
            "{}: 输出文件就是源文件，导入会覆盖它",
            source.display()
        ));
    }
    let mut specs = Vec::new();
    let mut actuals = Vec::new();
    let mut report = String::new();
    let mut failed = false;
    for path in paths {
        let (source, imported) = match read(path, &columns) {
            Ok(done) => done,
            Err(message) => return Outcome::Failure(message),
        };
        match imported {
            Ok(imported) => {
                report.push_str(&crate::report::concise::lines(
                    &source,
                    &imported.diagnostics,
                ));
                report.push_str(&import::summary(&source.name, &imported));
                failed |= imported.has_errors();
                specs.push(imported.spec);
                actuals.extend(imported.actuals);
            }
            Err(diagnostic) => {
                report.push_str(&crate::report::concise::lines(
                    &source,
                    std::slice::from_ref(&*diagnostic),
                ));
                failed = true;
            }
        }
    }
    let spec = specs.join("\n");
    match output {
        Some(path) if !specs.is_empty() => {
            if let Err(message) = files::write_atomic(path, spec.as_bytes()) {
                return Outcome::Failure(message);
            }
            report.push_str(&format!("已写入 {}\n", path.display()));
            if let [one] = actuals.as_slice() {
                let beside = path.with_extension("actuals.toml");
                if let Err(message) = files::write_atomic(&beside, one.as_bytes()) {
                    return Outcome::Failure(message);
                }
                report.push_str(&format!(
                    "已写入表中的实际完成值和得分 {}；评分：jixiao eval {} --actuals {}\n",
                    beside.display(),
                    path.display(),
                    beside.display()
                ));
            }
            print(&report);
        }
        Some(_) => print(&report),
        None => {
            print(&spec);
            eprint(&report);
        }
    }
    if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

pub type Read = (SourceFile, Result<Imported, Box<Diagnostic>>);

/// Reads one source by its extension: `.csv`, a workbook, a Word document, a web page, a PDF;
/// any other file is text, whose shape (a text table or the Guangzhou layout) decides.
pub fn read(path: &Path, columns: &Columns) -> Result<Read, String> {
    let name = path.display().to_string();
    let fallback = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" => {
            let bytes = files::read_bytes(path, MAX_FILE_BYTES as u64)?;
            let source = SourceFile::new(name, decode(&bytes));
            let imported = import::sheet::from_csv(&source.text)
                .map(|sheet| import::sheet(&[sheet], columns, &fallback));
            Ok((source, imported))
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let bytes = files::read_bytes(path, MAX_WORKBOOK_BYTES)?;
            let imported = import::sheet::from_workbook(&bytes)
                .map(|sheets| import::sheet(&sheets, columns, &fallback));
            Ok((SourceFile::new(name, ""), imported))
        }
        "docx" | "docm" | "doc" => {
            let bytes = files::read_bytes(path, MAX_WORKBOOK_BYTES)?;
            let imported = import::docx::from_docx(&bytes)
                .map(|sheets| import::sheet(&sheets, columns, &fallback));
            Ok((SourceFile::new(name, ""), imported))
        }
        "html" | "htm" | "xhtml" | "shtml" => {
            // Text, not zipped: the parsed page takes many times its size in memory.
            let bytes = files::read_bytes(path, MAX_FILE_BYTES as u64)?;
            let imported = import::html::from_html(&bytes)
                .map(|sheets| import::sheet(&sheets, columns, &fallback));
            Ok((SourceFile::new(name, ""), imported))
        }
        "pdf" => Ok(read_pdf(path, name, columns, &fallback)),
        _ => {
            let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= MAX_FILE_BYTES as u64);
            if small {
                // Text pasted or saved from Excel may be GBK, or UTF-16 ("Unicode text").
                let bytes = files::read_bytes(path, MAX_FILE_BYTES as u64)?;
                let source = SourceFile::new(name, decode(&bytes));
                let imported = import::text(&source, columns, &fallback);
                return Ok((source, Ok(imported)));
            }
            let (source, refused) = files::read(path)?;
            let imported = match refused {
                Some(diagnostic) => Err(Box::new(diagnostic)),
                None => Ok(import::text(&source, columns, &fallback)),
            };
            Ok((source, imported))
        }
    }
}

/// A PDF's text read both ways (see [`import::pdf_layout`]); the source is the text read.
fn read_pdf(path: &Path, name: String, columns: &Columns, fallback: &str) -> Read {
    let layout = match super::pdf::text(path, true) {
        Ok(text) => SourceFile::new(name.clone(), text),
        Err(diagnostic) => return (SourceFile::new(name, ""), Err(diagnostic)),
    };
    let raw = super::pdf::text(path, false)
        .ok()
        .map(|text| SourceFile::new(name, text));
    match import::pdf_layout(&layout, raw.as_ref(), columns, fallback) {
        Ok((imported, import::PdfText::Raw)) => (raw.unwrap_or(layout), Ok(imported)),
        Ok((imported, import::PdfText::Layout)) => (layout, Ok(imported)),
        Err(diagnostic) => (layout, Err(diagnostic)),
    }
}

/// UTF-16 with its byte-order mark (Excel's "Unicode text"), UTF-8 (with or without a
/// byte-order mark), else GB18030: Excel in China saves CSV as GBK.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let rest = bytes.get(bom..).unwrap_or_default();
        return encoding.decode_without_bom_handling(rest).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

fn eprint(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
}
