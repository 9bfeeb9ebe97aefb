//! Web pages (.html): every `<table>` as a [`Sheet`] named `表1`, `表2`, … in document order,
//! parsed by html5ever as a browser would (unclosed cells, stray tags). `rowspan` / `colspan`
//! are merged cells, filled the way a workbook's merged regions are; `<br>` and paragraphs in a
//! cell are its lines; a nested table is a sheet of its own and its text stays in the outer
//! cell. The page `<title>`, headings and paragraphs before a table are rows above it. Pages of
//! government sites are often GBK: the byte-order mark or the declared charset decides.

use std::collections::HashSet;
use std::rc::Rc;

use encoding_rs::Encoding;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::diagnostics::{no_table, unreadable_table};
use super::grid::{Grid, table_name};
use super::sheet::{MAX_COLUMNS, MAX_ROWS, Sheet};
use crate::diagnostic::Diagnostic;

/// The HTML standard's own cap on `colspan`.
const MAX_COLSPAN: usize = 1000;
/// Elements nest deeper than this only in a crafted page; the parser slows down with depth
/// (each new element looks through the open ones), so such a page is refused before parsing.
const MAX_DEPTH: usize = 1000;
/// How far into the page a `<meta charset>` is looked for, as browsers do.
const PRESCAN: usize = 4096;

/// Reads every table of a web page; a page without tables is a finding.
pub fn from_html(bytes: &[u8]) -> Result<Vec<Sheet>, Box<Diagnostic>> {
    let text = decode(bytes);
    if nesting(&text) > MAX_DEPTH {
        return Err(Box::new(unreadable_table(
            &format!("网页的元素嵌套超过 {MAX_DEPTH} 层，未读取"),
            "这不像一张发布的表格页面：在浏览器中打开，把表格复制到 Excel 后另存为 .xlsx 再导入",
        )));
    }
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(text);
    let mut page = Page {
        layout: layout_cells(&dom.document),
        ..Page::default()
    };
    page.walk(&dom.document);
    if page.sheets.is_empty() {
        return Err(Box::new(no_table("网页")));
    }
    Ok(page.sheets)
}

/// The page's text: a byte-order mark, else the declared charset (GBK, GB2312 and GB18030 all
/// read as GB18030, their superset), else UTF-8, else GB18030 for an undeclared Chinese page.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return encoding.decode_without_bom_handling(rest).0.into_owned();
    }
    let encoding = declared(bytes).map(|e| {
        if e == encoding_rs::GBK {
            encoding_rs::GB18030
        } else {
            e
        }
    });
    match encoding {
        Some(e) => e.decode_without_bom_handling(bytes).0.into_owned(),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
        },
    }
}

/// The charset a page declares in `<meta charset=…>` or `content="text/html; charset=…"`.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..PRESCAN.min(bytes.len())).unwrap_or_default();
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset")?;
    let rest = head.get(at + "charset".len()..)?;
    let rest = rest.trim_start().strip_prefix('=')?;
    let label: String = rest
        .trim_start_matches([' ', '"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    let encoding = Encoding::for_label(label.as_bytes())?;
    // A page that says UTF-16 but was read as bytes is ASCII-compatible (the HTML standard).
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    Some(encoding)
}

#[derive(Default)]
struct Page {
    sheets: Vec<Sheet>,
    /// Title, headings and paragraphs since the last table.
    context: Vec<String>,
    /// The cells that lay out the page rather than hold data (see [`layout_cells`]).
    layout: HashSet<usize>,
}

impl Page {
    /// Visits the nodes in document order without recursion: a crafted page may nest
    /// elements a hundred thousand deep. `collect` says whether titles, headings and
    /// paragraphs there are context: outside tables, and in a layout table's cell (one that
    /// holds a table, as many government sites lay out the whole page), not in a data cell.
    fn walk(&mut self, root: &Handle) {
        let mut stack: Vec<(Handle, bool)> = vec![(Rc::clone(root), true)];
        while let Some((node, collect)) = stack.pop() {
            let name = element(&node);
            let collect = match name.as_deref() {
                Some("table") => {
                    let context = std::mem::take(&mut self.context);
                    let index = self.sheets.len();
                    self.sheets.push(table(&node, index, context));
                    false
                }
                Some("title" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p") if collect => {
                    self.context.push(text_of(&node));
                    continue;
                }
                Some("script" | "style" | "template" | "noscript") => continue,
                Some("td" | "th") => self.layout.contains(&(Rc::as_ptr(&node) as usize)),
                _ => collect,
            };
            let children = node.children.borrow();
            stack.extend(children.iter().rev().map(|c| (Rc::clone(c), collect)));
        }
    }
}

/// The cells (`td`, `th`) that hold a table somewhere inside them, by address, found in one
/// pass: at each table, the open cells around it are marked from the innermost out, stopping
/// at one already marked (its outer cells are then marked too).
fn layout_cells(root: &Handle) -> HashSet<usize> {
    enum Step {
        Enter(Handle),
        Leave,
    }
    let mut marked = HashSet::new();
    let mut open: Vec<usize> = Vec::new();
    let mut stack = vec![Step::Enter(Rc::clone(root))];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave => {
                open.pop();
                continue;
            }
            Step::Enter(node) => node,
        };
        match element(&node).as_deref() {
            Some("table") => {
                for cell in open.iter().rev() {
                    if !marked.insert(*cell) {
                        break;
                    }
                }
            }
            Some("td" | "th") => {
                open.push(Rc::as_ptr(&node) as usize);
                stack.push(Step::Leave);
            }
            _ => {}
        }
        let children = node.children.borrow();
        stack.extend(children.iter().rev().map(|c| Step::Enter(Rc::clone(c))));
    }
    marked
}

fn element(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn attribute(node: &Handle, key: &str) -> Option<String> {
    let NodeData::Element { attrs, .. } = &node.data else {
        return None;
    };
    attrs
        .borrow()
        .iter()
        .find(|a| &*a.name.local == key)
        .map(|a| a.value.to_string())
}

/// A span attribute by the HTML standard's rules: leading digits count (`2px` is 2), anything
/// else is 1.
fn span(node: &Handle, key: &str) -> usize {
    let digits: String = attribute(node, key)
        .unwrap_or_default()
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.is_empty() {
        return 1;
    }
    // Too many digits to parse is as absurd as the limit.
    digits.parse().unwrap_or(usize::MAX)
}

/// The rows of a table: its own `<tr>`s, directly or in `<thead>` / `<tbody>` / `<tfoot>`, not
/// those of a table nested in a cell.
fn rows(table: &Handle) -> Vec<Handle> {
    let mut rows = Vec::new();
    for child in table.children.borrow().iter() {
        match element(child).as_deref() {
            Some("tr") => rows.push(Rc::clone(child)),
            Some("thead" | "tbody" | "tfoot") => rows.extend(
                child
                    .children
                    .borrow()
                    .iter()
                    .filter(|c| element(c).as_deref() == Some("tr"))
                    .cloned(),
            ),
            _ => {}
        }
        if rows.len() > MAX_ROWS {
            break;
        }
    }
    rows
}

fn table(node: &Handle, index: usize, mut context: Vec<String>) -> Sheet {
    let caption = node
        .children
        .borrow()
        .iter()
        .find(|c| element(c).as_deref() == Some("caption"))
        .map(text_of);
    context.extend(caption);
    let rows = rows(node);
    let mut grid = Grid::default();
    for (r, tr) in rows.iter().enumerate() {
        let mut column = 0;
        for cell in tr.children.borrow().iter() {
            if !matches!(element(cell).as_deref(), Some("td" | "th")) {
                continue;
            }
            column = grid.free(r, column);
            if column >= MAX_COLUMNS {
                grid.truncated = true;
                break;
            }
            // `rowspan="0"` runs to the end of the table; no span reaches past it.
            let down = match span(cell, "rowspan") {
                0 => rows.len() - r,
                n => n.min(rows.len() - r),
            };
            let across = span(cell, "colspan").clamp(1, MAX_COLSPAN);
            grid.put(r, column, down, across, &text_of(cell));
            column += across;
        }
    }
    grid.keep_rows(rows.len());
    grid.into_sheet(table_name(index), &context)
}

/// The text of an element as a browser lays it out: runs of white space are one space, `<br>`
/// and block elements break lines, table cells of a nested table are separated by a space.
fn text_of(node: &Handle) -> String {
    enum Step {
        Visit(Handle),
        Break,
    }
    let mut out = String::new();
    let mut stack = vec![Step::Visit(Rc::clone(node))];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Break => {
                out.push('\n');
                continue;
            }
            Step::Visit(node) => node,
        };
        match &node.data {
            NodeData::Text { contents } => push_collapsed(&mut out, &contents.borrow()),
            NodeData::Element { .. } => {
                let name = element(&node).unwrap_or_default();
                let block = match name.as_str() {
                    "br" => {
                        out.push('\n');
                        continue;
                    }
                    "script" | "style" | "template" => continue,
                    "td" | "th" => {
                        out.push(' ');
                        false
                    }
                    "p" | "div" | "li" | "tr" | "table" | "h1" | "h2" | "h3" | "h4" | "h5"
                    | "h6" => true,
                    _ => false,
                };
                if block {
                    out.push('\n');
                    stack.push(Step::Break);
                }
                let children = node.children.borrow();
                stack.extend(children.iter().rev().map(|c| Step::Visit(Rc::clone(c))));
            }
            _ => {}
        }
    }
    out.split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Appends text with each run of HTML white space as one space (`&nbsp;` is kept).
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            if !out.ends_with([' ', '\n']) && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// How deep the page's elements nest, counted from its tags without parsing. Elements whose end
/// tag may be left out (`<p>`, `<td>`, `<li>` …) and void elements (`<br>`) are not counted, so
/// an old page that never closes its cells is not taken for a deep one.
fn nesting(text: &str) -> usize {
    const OPTIONAL: &[&str] = &[
        "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody", "tfoot",
        "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body", "br", "img", "meta",
        "link", "input", "hr", "col", "area", "base", "embed", "param", "source", "track", "wbr",
    ];
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for tag in text.split('<').skip(1) {
        let (closing, rest) = match tag.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, tag),
        };
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || OPTIONAL.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !tag.split('>').next().is_some_and(|t| t.ends_with('/')) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}
