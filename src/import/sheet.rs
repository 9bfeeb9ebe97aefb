//! Sheets: rows of text cells decoded from CSV text or XLSX bytes (already read by the CLI).
//! Cells are kept as written; numbers stored as numbers by Excel are printed in their shortest
//! exact decimal form, so `426.92` stays `426.92`.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::diagnostics::unreadable_table;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Rows beyond this are not read: no target table has that many indicators.
pub const MAX_ROWS: usize = 200_000;
/// Columns beyond this are not read.
pub const MAX_COLUMNS: usize = 256;

/// One worksheet (or the one table of a CSV file).
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    /// The worksheet's name; `None` for CSV.
    pub name: Option<String>,
    pub rows: Vec<SheetRow>,
}

#[derive(Clone, Debug, Default)]
pub struct SheetRow {
    /// 1-based row number as the spreadsheet shows it.
    pub number: usize,
    /// Byte span of the row in CSV text; empty for XLSX.
    pub span: Span,
    pub cells: Vec<String>,
}

impl SheetRow {
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", |c| c.trim())
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Reads CSV text (comma-separated, or tab-separated when the first line has tabs and no commas).
pub fn from_csv(text: &str) -> Result<Sheet, Box<Diagnostic>> {
    // Spans point into the text as given, byte-order mark included.
    let (text, offset) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (rest, '\u{FEFF}'.len_utf8()),
        None => (text, 0),
    };
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                return Err(Box::new(unreadable_table(
                    &format!("CSV 第 {} 行无法读取：{error}", rows.len() + 1),
                    "检查引号是否成对，并把文件另存为 UTF-8 编码的 CSV",
                )));
            }
        }
        if rows.len() >= MAX_ROWS {
            break;
        }
        let end = reader.position().byte() as usize;
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        rows.push(SheetRow {
            number: line,
            span: Span::new(start, end.max(start)),
            cells: record.iter().take(MAX_COLUMNS).map(one_line).collect(),
        });
    }
    trim_spans(&mut rows, text);
    for row in &mut rows {
        row.span = row.span.shift(offset);
    }
    Ok(Sheet { name: None, rows })
}

/// A row's span without its line break, so diagnostics underline the row itself.
fn trim_spans(rows: &mut [SheetRow], text: &str) {
    for row in rows {
        let slice = text.get(row.span.start..row.span.end).unwrap_or("");
        row.span.end = row.span.start + slice.trim_end_matches(['\r', '\n']).len();
    }
}

/// Reads every worksheet of an XLSX (or XLS, ODS) workbook.
pub fn from_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, Box<Diagnostic>> {
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|error| {
            Box::new(unreadable_table(
                &format!("无法打开工作簿：{error}"),
                "确认文件是 Excel 工作簿（.xlsx），且没有加密",
            ))
        })?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let Ok(range) = workbook.worksheet_range(&name) else {
            continue;
        };
        let first_row = range.start().map_or(0, |(row, _)| row as usize);
        let rows = range
            .rows()
            .take(MAX_ROWS)
            .enumerate()
            .map(|(i, cells)| SheetRow {
                number: first_row + i + 1,
                span: Span::default(),
                cells: cells.iter().take(MAX_COLUMNS).map(text_of).collect(),
            })
            .collect();
        sheets.push(Sheet {
            name: Some(name),
            rows,
        });
    }
    Ok(sheets)
}

fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => one_line(text),
        other => one_line(&other.to_string()),
    }
}

/// A cell's line breaks (Alt+Enter) are where the text wrapped: Chinese text is joined directly,
/// other text with one space.
pub fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for piece in text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let joins_cjk = out.chars().next_back().is_some_and(|c| !c.is_ascii())
            && piece.chars().next().is_some_and(|c| !c.is_ascii());
        if !out.is_empty() && !joins_cjk {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}
