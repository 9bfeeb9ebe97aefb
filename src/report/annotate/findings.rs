//! The 检查结果 sheet: one row per note (where, level, code, rule, message, help), the place a
//! link to its cell; written with inline strings so the shared strings stay as they were.

use super::Note;
use super::xml::escape;

/// The cell formats of the sheet, from `styles.xml` (all 0 when it could not be extended).
#[derive(Clone, Copy, Default)]
pub struct Formats {
    pub header: u32,
    pub link: u32,
    pub error: u32,
    pub warning: u32,
}

const HEADINGS: [&str; 6] = ["位置", "级别", "代码", "规则", "问题", "修改建议"];
const WIDTHS: [u32; 6] = [22, 8, 10, 24, 70, 70];

pub fn sheet_xml(notes: &[Note], formats: Formats) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" \
         activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>\
         <sheetFormatPr defaultRowHeight=\"15\"/><cols>",
    );
    for (i, width) in WIDTHS.iter().enumerate() {
        let n = i + 1;
        out.push_str(&format!(
            "<col min=\"{n}\" max=\"{n}\" width=\"{width}\" customWidth=\"1\"/>"
        ));
    }
    out.push_str("</cols><sheetData><row r=\"1\">");
    for (i, heading) in HEADINGS.iter().enumerate() {
        out.push_str(&text_cell(i, 1, heading, formats.header));
    }
    out.push_str("</row>");
    let mut links = String::new();
    for (i, note) in notes.iter().enumerate() {
        let row = i + 2;
        let (level, level_format) = match note.level {
            super::Level::Error => ("错误", formats.error),
            super::Level::Warning => ("警告", formats.warning),
            super::Level::Info => ("说明", 0),
        };
        let place = note.place();
        let place_format = if note.cell.is_some() { formats.link } else { 0 };
        out.push_str(&format!("<row r=\"{row}\">"));
        out.push_str(&text_cell(0, row, &place, place_format));
        out.push_str(&text_cell(1, row, level, level_format));
        out.push_str(&text_cell(2, row, &note.code, 0));
        out.push_str(&text_cell(3, row, &note.rule, 0));
        out.push_str(&text_cell(4, row, &note.message, 0));
        out.push_str(&text_cell(5, row, &note.help, 0));
        out.push_str("</row>");
        if let Some(cell) = note.cell {
            let sheet = note.sheet.replace('\'', "''");
            let location = format!("'{sheet}'!{}", cell.name());
            links.push_str(&format!(
                "<hyperlink ref=\"A{row}\" location=\"{}\" display=\"{}\"/>",
                escape(&location),
                escape(&place)
            ));
        }
    }
    out.push_str("</sheetData>");
    if !links.is_empty() {
        out.push_str(&format!("<hyperlinks>{links}</hyperlinks>"));
    }
    out.push_str(
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>",
    );
    out
}

fn text_cell(column: usize, row: usize, text: &str, format: u32) -> String {
    let letter = char::from(b'A' + u8::try_from(column).unwrap_or(0));
    let style = if format == 0 {
        String::new()
    } else {
        format!(" s=\"{format}\"")
    };
    format!(
        "<c r=\"{letter}{row}\" t=\"inlineStr\"{style}><is><t xml:space=\"preserve\">{}</t></is></c>",
        escape(text)
    )
}
