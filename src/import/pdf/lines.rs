//! The lines of extracted text and the page headers among them. Every page of the template
//! repeats the title (`… 2023年项目支出绩效目标表…`), `部门名称：… 单位：万元` and the column
//! headings, broken over lines wherever the cells wrapped (`财政专户拨` / `款`).

use super::super::joined::compact;
use crate::import::form::year_in;
use crate::model::Fund;

/// The column headings of the template, joined without spaces. A heading line is one whose every
/// word is a piece of this text (`财政专户拨`, `款`, `总计 财政拨款 其他资`); only lines right after
/// a title or a `项目名称` line are taken as headings, so a lone `金` in a table body is not.
const HEADINGS: &str = "项目名称（资金使用单位）总计财政拨款财政专户拨款其他资金绩效目标绩效指标";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Blank,
    /// Part of a page header: title, 部门名称, column headings, page numbers.
    Header,
    Content,
}

#[derive(Clone, Debug)]
pub struct Line<'a> {
    /// Without the line break.
    pub text: &'a str,
    /// Byte offset of the line in the source.
    pub start: usize,
    /// 1-based line number in the source.
    pub number: usize,
    /// 1-based page: the number of titles seen so far (at least 1).
    pub page: usize,
    pub kind: Kind,
}

impl Line<'_> {
    /// Indented lines start a project name (the template indents projects under their unit).
    pub fn indented(&self) -> bool {
        self.text.starts_with([' ', '\t', '\u{3000}'])
    }
}

/// What the page headers say.
#[derive(Clone, Debug, Default)]
pub struct Header {
    pub title: Option<String>,
    pub department: Option<String>,
    pub year: Option<u32>,
    /// `单位：万元` as printed.
    pub unit: Option<String>,
    /// The amount columns in the order the headings print them.
    pub columns: Vec<Fund>,
    pub pages: usize,
}

/// Splits the text into lines and marks page headers.
pub fn lines(text: &str) -> (Vec<Line<'_>>, Header) {
    let mut lines = Vec::new();
    let mut start = 0;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let body = raw.trim_end_matches(['\n', '\r']);
        lines.push(Line {
            text: body,
            start,
            number: index + 1,
            page: 1,
            kind: if body.trim().is_empty() {
                Kind::Blank
            } else {
                Kind::Content
            },
        });
        start += raw.len();
    }
    let header = mark_headers(&mut lines);
    (lines, header)
}

fn mark_headers(lines: &mut [Line<'_>]) -> Header {
    let mut header = Header::default();
    let mut headings = String::new();
    let mut in_header = false;
    let mut page = 0;
    for line in lines.iter_mut() {
        if line.kind == Kind::Blank {
            line.page = page.max(1);
            continue;
        }
        let flat = compact(line.text);
        if is_title(&flat) {
            page += 1;
            in_header = true;
            read_title(line.text, &mut header);
        } else if flat.starts_with("项目名称") {
            in_header = true;
        }
        line.page = page.max(1);
        if in_header && (is_title(&flat) || read_department(line.text, &mut header)) {
            line.kind = Kind::Header;
        } else if in_header && is_heading(line.text) {
            line.kind = Kind::Header;
            if header.columns.is_empty() {
                headings.push_str(&flat);
            }
        } else if is_page_number(&flat) {
            line.kind = Kind::Header;
        } else {
            in_header = false;
            if header.columns.is_empty() && !headings.is_empty() {
                header.columns = columns(&headings);
            }
        }
    }
    header.pages = page.max(1);
    if header.columns.is_empty() {
        header.columns = columns(&headings);
    }
    header
}

fn is_heading(text: &str) -> bool {
    text.split_whitespace().all(|word| HEADINGS.contains(word))
}

fn is_title(flat: &str) -> bool {
    flat.contains("绩效目标表") && year_in(flat).is_some()
}

/// `… 2023年项目支出绩效目标表（含转移支付项目）`: the title and its year.
fn read_title(text: &str, header: &mut Header) {
    if header.title.is_none() {
        header.title = Some(text.trim().to_owned());
        header.year = year_in(&compact(text));
        let flat = compact(text);
        if let Some(at) = flat.find(|c: char| c.is_ascii_digit()) {
            let name = flat[..at].trim();
            if !name.is_empty() {
                header.department.get_or_insert_with(|| name.to_owned());
            }
        }
    }
}

/// `部门名称：X 单位：万元`.
fn read_department(text: &str, header: &mut Header) -> bool {
    let text = text.trim();
    let Some(rest) = text
        .strip_prefix("部门名称：")
        .or_else(|| text.strip_prefix("部门名称:"))
    else {
        return false;
    };
    let (name, unit) = match rest.find("单位：").or_else(|| rest.find("单位:")) {
        Some(at) => (&rest[..at], Some(rest[at..].trim())),
        None => (rest, None),
    };
    let name = name.trim();
    if !name.is_empty() {
        header.department = Some(name.to_owned());
    }
    if let Some(unit) = unit {
        let unit = unit
            .trim_start_matches("单位")
            .trim_start_matches(['：', ':']);
        header.unit = Some(unit.trim().to_owned());
    }
    true
}

/// `第 1 页`, `第1页 共4页`, `- 1 -`: page furniture, not content.
fn is_page_number(flat: &str) -> bool {
    let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if let Some(inner) = flat.strip_prefix('第') {
        let inner = inner.replace("页共", "").replace(['页', '共'], "");
        return digits_only(&inner);
    }
    flat.strip_prefix('-')
        .and_then(|s| s.strip_suffix('-'))
        .is_some_and(digits_only)
}

/// The amount columns in heading order; the template's four when the headings name none.
fn columns(headings: &str) -> Vec<Fund> {
    let mut found: Vec<(usize, Fund)> = [
        ("总计", Fund::Total),
        ("合计", Fund::Total),
        ("财政拨款", Fund::Fiscal),
        ("财政专户拨款", Fund::Special),
        ("其他资金", Fund::Other),
    ]
    .iter()
    .filter_map(|(word, fund)| headings.find(word).map(|at| (at, *fund)))
    .collect();
    found.sort_by_key(|(at, _)| *at);
    found.dedup_by_key(|(_, fund)| *fund);
    if found.is_empty() {
        return Fund::ALL.to_vec();
    }
    found.into_iter().map(|(_, fund)| fund).collect()
}
