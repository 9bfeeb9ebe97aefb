//! Checks on a zipped package (XLSX, ODS, DOCX) before a decoder sees it: the unpacked size
//! (a zip bomb) and, for workbooks, the cell references the decoder turns into numbers.

use std::io::{BufRead, BufReader, Cursor, Read};

/// Uncompressed, no part of a workbook may be larger than this, nor all of them together
/// larger than four times this: the decoder holds a whole sheet in memory.
const MAX_UNCOMPRESSED: u64 = 256 * 1024 * 1024;

/// No workbook or document has more parts than this (a real one has tens; one per sheet, image
/// or note at most): every part is a directory entry each reader walks, and thousands of empty
/// entries fit in a few bytes each.
pub(crate) const MAX_PARTS: usize = 10_000;

/// The finding for a package with more parts than [`MAX_PARTS`].
pub(crate) fn too_many_parts(parts: usize) -> Option<String> {
    (parts > MAX_PARTS).then(|| format!("文件含 {parts} 个部件，超过 {MAX_PARTS} 个的上限，未读取"))
}

/// Whether a zipped workbook or document would unpack beyond the limits (its size or its
/// number of parts), from its directory. Any bytes: a zip reader finds the directory at the
/// end, whatever comes before the first entry, so a file is checked whether or not it starts
/// as a zip.
pub(crate) fn too_large(bytes: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if let Some(finding) = too_many_parts(zip.len()) {
        return Some(finding);
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).ok()?.size();
        total = total.saturating_add(size);
        if size > MAX_UNCOMPRESSED || total > 4 * MAX_UNCOMPRESSED {
            return Some(format!(
                "文件解压后超过 {} MiB 的上限，未读取",
                MAX_UNCOMPRESSED / 1024 / 1024
            ));
        }
    }
    None
}

/// The first cell reference of a workbook's sheets or tables that no spreadsheet can hold:
/// more than 3 column letters or 7 row digits (Excel ends at XFD1048576), which the decoder
/// adds up in a 32-bit number that overflows, or a range ending before it starts (`A9:AJ8`),
/// whose size the decoder computes by a subtraction that overflows. Either is a damaged file,
/// refused here.
pub(crate) fn impossible_cell_reference(bytes: &[u8]) -> Option<String> {
    // Not only files that start as a zip: the decoder finds a zip's directory at its end, so a
    // file with bytes before its first entry is read as a workbook too.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else { continue };
        let Ok(name) = part.name().map(|name| name.into_owned()) else {
            continue;
        };
        let is_grid = (name.starts_with("xl/worksheets/") || name.starts_with("xl/tables/"))
            && name.ends_with(".xml");
        if !is_grid {
            continue;
        }
        if let Some((reference, why)) = scan_references(BufReader::new(part.take(MAX_UNCOMPRESSED)))
        {
            return Some(format!(
                "工作簿的 {name} 中有不可能的单元格引用「{reference}」（{why}），文件结构损坏"
            ));
        }
    }
    None
}

/// Scans XML for `r="…"` and `ref="…"` attribute values, a byte at a time, and returns the
/// first (shortened) value with an impossible reference in it, and what is impossible.
fn scan_references(mut xml: impl BufRead) -> Option<(String, &'static str)> {
    let mut scan = Scan::default();
    loop {
        let chunk = xml.fill_buf().ok()?;
        if chunk.is_empty() {
            return None;
        }
        if let Some(found) = chunk.iter().find_map(|&byte| scan.push(byte)) {
            return Some(found);
        }
        let read = chunk.len();
        xml.consume(read);
    }
}

#[derive(Default)]
struct Scan {
    in_tag: bool,
    /// The quote that closes the attribute value being read, and whether it is a reference.
    value: Option<(u8, bool)>,
    /// The attribute name read so far (its last bytes: only `r` and `ref` matter).
    name: Vec<u8>,
    letters: usize,
    digits: usize,
    /// The column and row of the reference being read (0 while absent: `A:A`, `1:3`).
    column: u64,
    row: u64,
    /// The first corner of a range, once its `:` is read.
    start: Option<(u64, u64)>,
    shown: Vec<u8>,
}

const TOO_LONG: &str = "列超过 3 个字母或行超过 7 位数字";
const BACKWARDS: &str = "区域的终点在起点之前";

impl Scan {
    fn push(&mut self, byte: u8) -> Option<(String, &'static str)> {
        if let Some((quote, reference)) = self.value {
            if byte == quote {
                self.value = None;
                if reference {
                    return self.end_of_reference();
                }
            } else if reference {
                return self.reference_byte(byte);
            }
            return None;
        }
        match byte {
            b'<' => (self.in_tag, self.name) = (true, Vec::new()),
            b'>' => self.in_tag = false,
            b'"' | b'\'' if self.in_tag => {
                let reference = matches!(self.name.as_slice(), b"r=" | b"ref=");
                self.value = Some((byte, reference));
                (self.letters, self.digits, self.shown) = (0, 0, Vec::new());
                (self.column, self.row, self.start) = (0, 0, None);
                self.name.clear();
            }
            b' ' | b'\t' | b'\r' | b'\n' => self.name.clear(),
            _ if self.in_tag && self.name.len() < 8 => self.name.push(byte),
            _ => {}
        }
        None
    }

    fn reference_byte(&mut self, byte: u8) -> Option<(String, &'static str)> {
        if self.shown.len() < 24 {
            self.shown.push(byte);
        }
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' if self.digits == 0 => {
                self.letters += 1;
                let letter = u64::from(byte.to_ascii_uppercase() - b'A') + 1;
                self.column = self.column.saturating_mul(26).saturating_add(letter);
            }
            b'0'..=b'9' => {
                self.digits += 1;
                self.row = self
                    .row
                    .saturating_mul(10)
                    .saturating_add(u64::from(byte - b'0'));
            }
            // The second corner of a range (`A1:B2`).
            b':' => {
                self.start = Some((self.column, self.row));
                (self.letters, self.digits, self.column, self.row) = (0, 0, 0, 0);
            }
            // The next reference of a list (`A1:B2 C3`).
            b' ' => {
                let found = self.end_of_reference();
                (self.letters, self.digits, self.column, self.row) = (0, 0, 0, 0);
                self.start = None;
                if found.is_some() {
                    return found;
                }
            }
            _ => {}
        }
        (self.letters > 3 || self.digits > 7).then(|| (self.shown_text(), TOO_LONG))
    }

    /// At the end of a reference: a range whose end is before its start is impossible.
    fn end_of_reference(&self) -> Option<(String, &'static str)> {
        let (column, row) = self.start?;
        let backwards = (self.column > 0 && column > 0 && self.column < column)
            || (self.row > 0 && row > 0 && self.row < row);
        backwards.then(|| (self.shown_text(), BACKWARDS))
    }

    fn shown_text(&self) -> String {
        format!("{}…", String::from_utf8_lossy(&self.shown))
    }
}
