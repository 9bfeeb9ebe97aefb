//! Word documents (.docx): every table of `word/document.xml` as a [`Sheet`] named `表1`, `表2`,
//! … in document order. `w:gridSpan` and `w:vMerge` are merged cells, filled the way a workbook's
//! merged regions are; paragraphs of a cell are its lines; a nested table is a sheet of its own
//! and its text stays in the outer cell too. The paragraphs before a table (title, 部门：…,
//! 项目名称：…) are rows above it, where the info-block readers look for them.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::diagnostics::{no_table, unreadable_table};
use super::grid::{Grid, table_name};
use super::package::too_large;
use super::sheet::Sheet;
use crate::diagnostic::Diagnostic;

/// Elements nest deeper than this only in a crafted file; Word itself stays far below.
const MAX_DEPTH: usize = 256;
/// `word/document.xml` is read up to this many bytes once unpacked.
const MAX_XML: u64 = 256 * 1024 * 1024;
/// The first bytes of an OLE compound file: Word 97–2003 `.doc`, or an encrypted `.docx`.
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// Reads every table of a Word document.
pub fn from_docx(bytes: &[u8]) -> Result<Vec<Sheet>, Box<Diagnostic>> {
    if bytes.starts_with(OLE) {
        return Err(refuse(
            "这是 Word 97–2003 文档（.doc）或设置了打开密码的 Word 文档，无法直接读取：请另存为 .docx",
            "在 Word 或 WPS 中打开，取消密码后「另存为」Word 文档（.docx），再导入 .docx 文件",
        ));
    }
    if let Some(detail) = too_large(bytes) {
        return Err(refuse(
            &detail,
            "文档解压后过大或部件过多（可能是压缩炸弹）：只保留绩效目标表后另存为 .docx",
        ));
    }
    let xml = document_xml(bytes)?;
    let sheets = read_document(&xml)?;
    if sheets.is_empty() {
        return Err(Box::new(no_table("Word 文档")));
    }
    Ok(sheets)
}

fn refuse(detail: &str, help: &str) -> Box<Diagnostic> {
    Box::new(unreadable_table(detail, help))
}

const HELP: &str =
    "确认文件是 Word 文档（.docx）且没有损坏：在 Word 或 WPS 中打开后重新「另存为」.docx";

/// The unpacked text of the main part (`word/document.xml`, or where `_rels/.rels` says it
/// is), within the size limit.
fn document_xml(bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| refuse(&format!("无法打开 Word 文档：{e}"), HELP))?;
    let name = main_part(&mut zip).unwrap_or_else(|| "word/document.xml".to_owned());
    let part = zip
        .by_name(&name)
        .map_err(|_| refuse("文件中没有 Word 正文（word/document.xml）", HELP))?;
    let mut xml = Vec::new();
    part.take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| refuse(&format!("无法解压 Word 正文：{e}"), HELP))?;
    if xml.len() as u64 > MAX_XML {
        return Err(refuse(
            &format!("Word 正文解压后超过 {} MiB 的上限，未读取", MAX_XML >> 20),
            "只保留绩效目标表后另存为 .docx",
        ));
    }
    String::from_utf8(xml).map_err(|_| refuse("Word 正文不是 UTF-8 编码的 XML", HELP))
}

/// The main part named by the package relationships: most writers use `word/document.xml`,
/// some another name.
fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    let mut rels = String::new();
    zip.by_name("_rels/.rels")
        .ok()?
        .take(1 << 20)
        .read_to_string(&mut rels)
        .ok()?;
    let mut reader = Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let get = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| a.value.to_string())
                };
                if get("Type").is_some_and(|t| t.ends_with("/officeDocument")) {
                    return get("Target").map(|t| t.trim_start_matches('/').to_owned());
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// One table being read; tables nest, so the reader keeps a stack of them.
#[derive(Default)]
struct Table {
    grid: Grid,
    /// The paragraphs before the table (its title and info lines).
    context: Vec<String>,
    /// The sheet's place among the document's tables, fixed when the table starts.
    index: usize,
    row: usize,
    column: usize,
    cell: Cell,
}

#[derive(Default)]
struct Cell {
    paragraphs: Vec<String>,
    span: usize,
    /// `Some(false)` starts a vertical merge, `Some(true)` continues the one above.
    merge: Option<bool>,
}

#[derive(Default)]
struct Document {
    tables: Vec<Table>,
    sheets: Vec<(usize, Sheet)>,
    /// Body paragraphs since the last table.
    context: Vec<String>,
    /// The paragraphs being read, innermost last (a text box's paragraphs sit inside one).
    paragraphs: Vec<String>,
    /// Inside `mc:Fallback`: the same content again for old readers, not read twice.
    fallback: usize,
    started: usize,
    /// Inside `w:t` (text), not `w:instrText` or deleted text.
    in_text: bool,
}

fn read_document(xml: &str) -> Result<Vec<Sheet>, Box<Diagnostic>> {
    let mut reader = Reader::from_str(xml);
    let mut doc = Document::default();
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| refuse(&format!("Word 正文的 XML 无法读取：{e}"), HELP))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(refuse(
                        &format!("Word 正文嵌套超过 {MAX_DEPTH} 层，未读取"),
                        HELP,
                    ));
                }
                doc.start(&e);
            }
            Event::Empty(e) => {
                doc.start(&e);
                doc.end(e.local_name().as_ref());
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                doc.end(e.local_name().as_ref());
            }
            Event::Text(t) if doc.in_text => doc.push(&t.xml10_content()),
            Event::GeneralRef(r) if doc.in_text => {
                if let Some(c) = entity(&r) {
                    doc.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    doc.sheets.sort_by_key(|(index, _)| *index);
    Ok(doc.sheets.into_iter().map(|(_, sheet)| sheet).collect())
}

/// `&amp;`, `&#x4E00;` and the other references XML predefines.
fn entity(reference: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c);
    }
    match reference.as_ref() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// A `w:sym`: a character inserted through Insert → Symbol. In the Symbol font (the usual
/// source of `≥` in a 申报表) its code is the font's own, `F0` + the Symbol encoding; any
/// other font's code is taken as Unicode unless it is in that private range.
fn symbol(e: &BytesStart<'_>) -> Option<char> {
    let attribute = |key: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .map(|a| a.value.to_string())
    };
    let code = u32::from_str_radix(&attribute("char")?, 16).ok()?;
    let symbol_font = attribute("font").is_some_and(|f| f.eq_ignore_ascii_case("Symbol"));
    let low = code & 0xFF;
    if symbol_font || (0xF000..=0xF0FF).contains(&code) {
        return match low {
            0x3C => Some('<'),
            0x3D => Some('='),
            0x3E => Some('>'),
            0xA3 => Some('≤'),
            0xB3 => Some('≥'),
            0xB1 => Some('±'),
            0xB4 => Some('×'),
            0xB8 => Some('÷'),
            0xB9 => Some('≠'),
            0x25 => Some('%'),
            0x7E => Some('~'),
            _ => None,
        };
    }
    char::from_u32(code)
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

impl Document {
    fn push(&mut self, text: &str) {
        if self.fallback == 0
            && let Some(paragraph) = self.paragraphs.last_mut()
        {
            paragraph.push_str(text);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            "tbl" => {
                let context = if self.tables.is_empty() {
                    std::mem::take(&mut self.context)
                } else {
                    Vec::new()
                };
                self.tables.push(Table {
                    context,
                    index: self.started,
                    ..Table::default()
                });
                self.started += 1;
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.column = 0;
                }
            }
            "gridBefore" => {
                let skip = val(e).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
                if let Some(t) = self.tables.last_mut() {
                    t.column = t.column.saturating_add(skip);
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Cell {
                        span: 1,
                        ..Cell::default()
                    };
                }
            }
            "gridSpan" => {
                let span = val(e).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
                if let Some(t) = self.tables.last_mut() {
                    t.cell.span = span.max(1);
                }
            }
            "vMerge" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell.merge = Some(val(e).as_deref() != Some("restart"));
                }
            }
            "p" => self.paragraphs.push(String::new()),
            "Fallback" => self.fallback += 1,
            "t" => self.in_text = true,
            "tab" if !self.in_text => self.push(" "),
            "sym" => {
                if let Some(c) = symbol(e) {
                    self.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            "br" | "cr" => self.push("\n"),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "Fallback" => self.fallback = self.fallback.saturating_sub(1),
            "p" => {
                let text = self.paragraphs.pop().unwrap_or_default();
                // A text box's paragraph is part of the paragraph that holds it.
                if let Some(outer) = self.paragraphs.last_mut() {
                    outer.push_str(&text);
                    return;
                }
                match self.tables.last_mut() {
                    Some(t) => t.cell.paragraphs.push(text),
                    None => self.context.push(text),
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_cell();
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row += 1;
                }
            }
            "tbl" => self.end_table(),
            _ => {}
        }
    }

    fn end_table(&mut self) {
        let Some(table) = self.tables.pop() else {
            return;
        };
        // The nested table's text stays in the cell that holds it, as Word shows it.
        if let Some(outer) = self.tables.last_mut() {
            outer.cell.paragraphs.push(table.grid.plain_text());
        }
        let mut grid = table.grid;
        grid.keep_rows(table.row);
        let sheet = grid.into_sheet(table_name(table.index), &table.context);
        self.sheets.push((table.index, sheet));
    }
}

impl Table {
    fn end_cell(&mut self) {
        let cell = std::mem::take(&mut self.cell);
        match cell.merge {
            // A continued vertical merge shows the text of the cell above.
            Some(true) if self.row > 0 => {
                let above = self.grid.text(self.row - 1, self.column).unwrap_or("");
                let above = above.to_owned();
                self.grid
                    .put_continued(self.row, self.column, cell.span, &above);
            }
            _ => {
                let text = cell.paragraphs.join("\n");
                self.grid.put(self.row, self.column, 1, cell.span, &text);
            }
        }
        self.column = self.column.saturating_add(cell.span);
    }
}
