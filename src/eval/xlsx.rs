//! XLSX actuals (budget staff live in Excel): the first worksheet, read from bytes with calamine
//! and turned into CSV text with the same columns as a CSV actuals file. Diagnostics then point
//! into that text, one line per worksheet row (line N is row N).
//!
//! Cells are best written as text (`85.34%`, `1200篇`). A numeric cell arrives as a binary float;
//! it is written with the shortest decimal that reads back as the same float (`1.95`, not
//! `1.9499999999999999556`), and a percent-formatted cell arrives as its fraction (0.8534).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::actuals::MAX_ENTRIES;

/// More columns than this are not actuals.
const MAX_COLUMNS: usize = 64;

/// The first worksheet as CSV text; `Err` says, in Chinese, why the workbook cannot be read.
pub fn to_csv(bytes: &[u8]) -> Result<String, String> {
    // The importer's checks (a zip bomb, a cell reference that overflows the decoder) and its
    // guard for whatever else trips the decoder over a damaged package.
    use crate::import::package::{impossible_cell_reference, too_large};
    if let Some(detail) = too_large(bytes).or_else(|| impossible_cell_reference(bytes)) {
        return Err(detail);
    }
    std::panic::catch_unwind(|| read(bytes))
        .unwrap_or_else(|_| Err("无法读取 XLSX 工作簿：文件结构损坏".to_owned()))
}

fn read(bytes: &[u8]) -> Result<String, String> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| format!("无法读取 XLSX 工作簿：{e}"))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or("工作簿中没有工作表")?
        .map_err(|e| format!("无法读取第一个工作表：{e}"))?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in range.rows().take(MAX_ENTRIES + 1) {
        let cells: Vec<String> = row.iter().take(MAX_COLUMNS).map(cell).collect();
        writer
            .write_record(&cells)
            .map_err(|e| format!("无法转换工作表：{e}"))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| format!("无法转换工作表：{e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("无法转换工作表：{e}"))
}

fn cell(data: &Data) -> String {
    match data {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        // Rust prints the shortest decimal that reads back as the same float.
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

/// The first worksheet's name and the 0-based (row, column) of its first used cell: line 1 of
/// the CSV text `to_csv` makes is that row, field 1 that column.
pub fn origin(bytes: &[u8]) -> Option<(String, u32, u32)> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).ok()?;
    let name = workbook.sheet_names().first()?.clone();
    let range = workbook.worksheet_range_at(0)?.ok()?;
    let (row, column) = range.start().unwrap_or((0, 0));
    Some((name, row, column))
}

/// Where each field of CSV text as `to_csv` writes it starts: (byte offset, 0-based record,
/// 0-based field), in order. A field with a comma, quote or line break is quoted, so only
/// those outside quotes end a field or a record.
pub fn field_starts(text: &str) -> Vec<(usize, usize, usize)> {
    let mut starts = vec![(0, 0, 0)];
    let (mut record, mut field, mut quoted) = (0, 0, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                field += 1;
                starts.push((i + 1, record, field));
            }
            '\n' if !quoted => {
                record += 1;
                field = 0;
                starts.push((i + 1, record, field));
            }
            _ => {}
        }
    }
    starts
}
