//! Sheets: rows of text cells decoded from CSV text or XLSX bytes (already read by the CLI).
//! Cells are kept as written; numbers stored as numbers by Excel are printed in their shortest
//! exact decimal form, so `426.92` stays `426.92`.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::diagnostics::unreadable_table;
use super::package::{impossible_cell_reference, too_large};
use super::styles::Format;
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
    /// Rows or columns beyond the limits were not read.
    pub truncated: bool,
}

#[derive(Clone, Debug, Default)]
pub struct SheetRow {
    /// 1-based row number as the spreadsheet shows it.
    pub number: usize,
    /// Byte span of the row in CSV text; empty for XLSX.
    pub span: Span,
    pub cells: Vec<String>,
    /// Columns whose text continues a merged cell from a row above: a category merged down
    /// reads in every row, but a merged 分值 is one weight for the rows, not one each.
    pub continued: Vec<usize>,
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
    let mut truncated = false;
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
            truncated = true;
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
            continued: Vec::new(),
        });
    }
    trim_spans(&mut rows, text);
    for row in &mut rows {
        row.span = row.span.shift(offset);
    }
    Ok(Sheet {
        name: None,
        rows,
        truncated,
    })
}

/// A row's span without its line break, so diagnostics underline the row itself.
fn trim_spans(rows: &mut [SheetRow], text: &str) {
    for row in rows {
        let slice = text.get(row.span.start..row.span.end).unwrap_or("");
        row.span.end = row.span.start + slice.trim_end_matches(['\r', '\n']).len();
    }
}

/// Cells beyond this many in one sheet are not read (a million rows of a few columns).
pub const MAX_CELLS: usize = 4_000_000;

/// Reads every worksheet of an XLSX (or XLS, ODS) workbook. Cells keep their sheet coordinates
/// (row 1, column A are index 0), and every cell of a merged region reads as its top-left cell,
/// the way the sheet shows it.
pub fn from_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, Box<Diagnostic>> {
    let unreadable = |detail: String| {
        Box::new(unreadable_table(
            &detail,
            "确认文件是 Excel 工作簿（.xlsx、.xls）或 .ods，没有损坏、没有设置打开密码；加密的工作簿请在 Excel 中取消密码后另存",
        ))
    };
    if let Some(detail) = too_large(bytes) {
        return Err(Box::new(unreadable_table(
            &detail,
            "工作簿解压后过大或部件过多（可能是压缩炸弹，或一张表有上百万行）：只保留绩效目标表所在的工作表后另存",
        )));
    }
    if let Some(detail) = impossible_cell_reference(bytes) {
        return Err(unreadable(detail));
    }
    // A damaged file must be a finding, even if the decoder trips over it.
    match std::panic::catch_unwind(|| read_workbook(bytes)) {
        Ok(Ok(sheets)) => Ok(sheets),
        Ok(Err(error)) => Err(unreadable(format!("无法打开工作簿：{error}"))),
        Err(_) => Err(unreadable("无法读取工作簿：文件结构损坏".to_owned())),
    }
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, calamine::Error> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))?;
    let formats = super::styles::read(bytes);
    let mut sheets = Vec::new();
    let mut cells_read = 0usize;
    for name in workbook.sheet_names() {
        let Ok(range) = workbook.worksheet_range(&name) else {
            continue;
        };
        let merges = merged_regions(&mut workbook, &name);
        let (first_row, first_column) = range
            .start()
            .map_or((0, 0), |(row, column)| (row as usize, column as usize));
        let mut rows: Vec<SheetRow> = Vec::new();
        let (height, full_width) = range.get_size();
        let mut truncated = height > MAX_ROWS || first_column + full_width > MAX_COLUMNS;
        for (i, cells) in range.rows().take(MAX_ROWS).enumerate() {
            let width = (first_column + cells.len()).min(MAX_COLUMNS);
            cells_read += width;
            if cells_read > MAX_CELLS {
                truncated = true;
                break;
            }
            let mut texts = vec![String::new(); width];
            let shown = formats.get(&name);
            for (j, cell) in cells.iter().enumerate() {
                let at = (first_row + i, first_column + j);
                let format = shown.and_then(|f| f.get(&at)).copied();
                if let Some(slot) = texts.get_mut(first_column + j) {
                    *slot = match (cell, format) {
                        (Data::Float(f), Some(format)) => formatted(*f, format),
                        (Data::Int(n), Some(format)) => formatted(*n as f64, format),
                        _ => text_of(cell),
                    };
                }
            }
            rows.push(SheetRow {
                number: first_row + i + 1,
                span: Span::default(),
                cells: texts,
                continued: Vec::new(),
            });
        }
        fill_merges(&mut rows, first_row, &merges);
        sheets.push(Sheet {
            name: Some(name),
            rows,
            truncated,
        });
        if cells_read > MAX_CELLS {
            break;
        }
    }
    Ok(sheets)
}

/// The merged regions of a sheet as (first row, first column, last row, last column), 0-based.
fn merged_regions<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    name: &str,
) -> Vec<(usize, usize, usize, usize)> {
    let dimensions = match workbook {
        calamine::Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(name).unwrap_or_default(),
        calamine::Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    dimensions
        .into_iter()
        .map(|d| {
            (
                d.start.0 as usize,
                d.start.1 as usize,
                d.end.0 as usize,
                d.end.1 as usize,
            )
        })
        .collect()
}

/// Every cell of a merged region gets the text of its top-left cell.
fn fill_merges(rows: &mut [SheetRow], first_row: usize, merges: &[(usize, usize, usize, usize)]) {
    for &(top, left, bottom, right) in merges {
        let Some(top_index) = top.checked_sub(first_row) else {
            continue;
        };
        let Some(text) = rows.get(top_index).and_then(|r| r.cells.get(left)).cloned() else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let right = right.min(MAX_COLUMNS - 1);
        let covered = rows
            .iter_mut()
            .skip(top_index)
            .take(bottom.saturating_sub(top) + 1);
        for (below, row) in covered.enumerate() {
            if row.cells.len() <= right {
                row.cells.resize(right + 1, String::new());
            }
            for (column, cell) in row.cells[left..=right].iter_mut().enumerate() {
                if cell.is_empty() {
                    cell.clone_from(&text);
                    if below > 0 {
                        row.continued.push(left + column);
                    }
                }
            }
        }
    }
}

fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => one_line(text),
        Data::Float(f) => number(*f),
        Data::Int(i) => i.to_string(),
        Data::DateTime(date) if date.is_datetime() => {
            date_text(date.as_f64()).unwrap_or_else(|| number(date.as_f64()))
        }
        Data::DateTimeIso(text) => iso_date(text),
        other => one_line(&other.to_string()),
    }
}

/// A number as the sheet shows it: at most 15 significant digits (Excel's precision), and the
/// binary noise of a computed value (`0.30000015258789`, `89.97400000000001`) cut off where a run
/// of five 0s or 9s begins in the decimals.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{value:.14e}");
    let Ok(decimal) = rust_decimal::Decimal::from_scientific(&text) else {
        return value.to_string();
    };
    let plain = decimal.normalize().to_string();
    let Some((whole, decimals)) = plain.split_once('.') else {
        return plain;
    };
    for run in ["00000", "99999"] {
        if let Some(at) = decimals.find(run) {
            let cut = rust_decimal::Decimal::from_str_exact(&format!("{whole}.{decimals}"))
                .map(|d| d.round_dp(at as u32).normalize().to_string());
            return cut.unwrap_or(plain);
        }
    }
    plain
}

/// A number as its cell's format shows it: a percentage cell's 1 is `100%`, `0.955` in `0.0%`
/// is `95.5%`; fixed decimals cut only binary noise, never a digit the value has.
fn formatted(value: f64, format: Format) -> String {
    use rust_decimal::{Decimal, RoundingStrategy};
    let plain = number(value);
    let Ok(decimal) = plain.parse::<Decimal>() else {
        return plain;
    };
    match format {
        Format::Percent(decimals) => {
            let Some(percent) = decimal.checked_mul(Decimal::ONE_HUNDRED) else {
                return plain;
            };
            let percent = percent
                .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
                .normalize();
            format!("{percent}%")
        }
        Format::Fixed(decimals) => {
            let rounded = decimal.round_dp(decimals);
            if (rounded - decimal).abs() < Decimal::new(1, 9) {
                rounded.normalize().to_string()
            } else {
                plain
            }
        }
    }
}

/// An Excel date serial (1900 system) as `2023年12月31日`.
pub fn date_text(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Excel counts 1900-02-29, which did not exist: serial 60 and above are one day late.
    let days = serial.floor() as i64;
    let days = if days >= 60 { days - 1 } else { days };
    // Days since 1899-12-31 → civil date (Howard Hinnant's algorithm from 1970-01-01).
    let z = days - 25_568 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!("{year}年{month}月{day}日"))
}

/// `2023-12-31T00:00:00` (ODS) as `2023年12月31日`.
fn iso_date(text: &str) -> String {
    let date = text.split('T').next().unwrap_or(text);
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if [y, m, d].iter().all(|p| p.parse::<u32>().is_ok()) => format!(
            "{y}年{}月{}日",
            m.trim_start_matches('0'),
            d.trim_start_matches('0')
        ),
        _ => text.to_owned(),
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
