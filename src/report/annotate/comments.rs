//! The two parts that make notes: `commentsN.xml` holds the text, `vmlDrawingN.vml` the boxes
//! Excel draws for them (hidden until the cell is pointed at, as notes are).

use super::cell::Cell;
use super::xml::escape;

/// The comments part for one sheet: one note per cell, author `jixiao`.
pub fn comments_xml(notes: &[(Cell, String)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <comments xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <authors><author>jixiao</author></authors><commentList>",
    );
    for (cell, text) in notes {
        out.push_str(&comment("", *cell, 0, text));
    }
    out.push_str("</commentList></comments>");
    out
}

/// One note, its text headed `jixiao:` in bold; `p` is the part's namespace prefix.
pub fn comment(p: &str, cell: Cell, author: usize, text: &str) -> String {
    format!(
        "<{p}comment ref=\"{}\" authorId=\"{author}\"><{p}text><{p}r><{p}rPr><{p}b/><{p}sz val=\"9\"/><{p}rFont val=\"宋体\"/></{p}rPr>\
         <{p}t>jixiao:</{p}t></{p}r>{}</{p}text></{p}comment>",
        cell.name(),
        run(p, text)
    )
}

/// The text of a note as one run, on a new line (after `jixiao:` or a note already there).
pub fn run(p: &str, text: &str) -> String {
    format!(
        "<{p}r><{p}rPr><{p}sz val=\"9\"/><{p}rFont val=\"宋体\"/></{p}rPr><{p}t xml:space=\"preserve\">&#10;{}</{p}t></{p}r>",
        escape(text)
    )
}

/// The namespace prefixes (with their colons) a drawing gives VML, Office and Excel.
pub struct Prefixes {
    pub v: String,
    pub o: String,
    pub x: String,
}

impl Prefixes {
    pub fn standard() -> Prefixes {
        Prefixes {
            v: "v:".to_owned(),
            o: "o:".to_owned(),
            x: "x:".to_owned(),
        }
    }
}

/// The note box shape Excel's notes use (text box, type 202).
pub fn shapetype(n: &Prefixes) -> String {
    let Prefixes { v, o, .. } = n;
    format!(
        "<{v}shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" {o}spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">\
         <{v}stroke joinstyle=\"miter\"/><{v}path gradientshapeok=\"t\" {o}connecttype=\"rect\"/></{v}shapetype>"
    )
}

/// The drawing of the note boxes; `drawing` numbers it so shape ids are unique in the workbook.
pub fn vml(notes: &[(Cell, String)], drawing: usize) -> String {
    let mut out = format!(
        "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" \
         xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\
         <o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"{drawing}\"/></o:shapelayout>{}",
        shapetype(&Prefixes::standard())
    );
    for (i, (cell, text)) in notes.iter().enumerate() {
        let id = drawing * 1024 + i + 1;
        out.push_str(&shape(
            &Prefixes::standard(),
            id,
            "_x0000_t202",
            *cell,
            text,
        ));
    }
    out.push_str("</xml>");
    out
}

/// One hidden note box beside its cell, taller for longer notes so the whole text shows.
pub fn shape(n: &Prefixes, id: usize, shapetype: &str, cell: Cell, text: &str) -> String {
    let Prefixes { v, o, x } = n;
    let (row, column) = (cell.row.saturating_sub(1), cell.column.saturating_sub(1));
    let lines = u32::try_from(4 + text.chars().count() / 24)
        .unwrap_or(40)
        .min(40);
    format!(
        "<{v}shape id=\"_x0000_s{id}\" type=\"#{}\" \
         style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:{}pt;z-index:{id};visibility:hidden\" \
         fillcolor=\"#ffffe1\" {o}insetmode=\"auto\"><{v}fill color2=\"#ffffe1\"/>\
         <{v}shadow on=\"t\" color=\"black\" obscured=\"t\"/><{v}path {o}connecttype=\"none\"/>\
         <{v}textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></{v}textbox>\
         <{x}ClientData ObjectType=\"Note\"><{x}MoveWithCells/><{x}SizeWithCells/>\
         <{x}Anchor>{}, 15, {row}, 2, {}, 15, {}, 4</{x}Anchor><{x}AutoFill>False</{x}AutoFill>\
         <{x}Row>{row}</{x}Row><{x}Column>{column}</{x}Column></{x}ClientData></{v}shape>",
        escape(shapetype),
        lines * 12,
        column + 1,
        column + 5,
        row + lines,
    )
}
