//! `jixiao import`: extracted PDF text, CSV or XLSX target tables → a spec, with the counts of
//! what was found, not imported and written.

use std::path::{Path, PathBuf};

use super::{Outcome, files, print};
use crate::diagnostic::Diagnostic;
use crate::import::{self, Columns, Imported};
use crate::source::SourceFile;
use crate::syntax::MAX_FILE_BYTES;

/// Workbooks are zipped; allow more bytes than for text.
const MAX_WORKBOOK_BYTES: u64 = 4 * MAX_FILE_BYTES as u64;

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
    let mut report = String::new();
    let mut failed = false;
    for path in paths {
        let (source, imported) = match import_one(path, &columns) {
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

type Read = (SourceFile, Result<Imported, Box<Diagnostic>>);

/// Reads one source by its extension: `.csv`, a workbook, or extracted text.
fn import_one(path: &Path, columns: &Columns) -> Result<Read, String> {
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
        "csv" | "tsv" => {
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
        _ => {
            let (source, refused) = files::read(path)?;
            let imported = match refused {
                Some(diagnostic) => Err(Box::new(diagnostic)),
                None => Ok(import::pdf_text(&source, &fallback)),
            };
            Ok((source, imported))
        }
    }
}

/// UTF-8 (with or without a byte-order mark), else GB18030: Excel in China saves CSV as GBK.
fn decode(bytes: &[u8]) -> String {
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
