//! The rows of the table: every run of amounts closes a row whose name is the text just before it.
//! A name starts on an indented line (a project) or after the previous row's text ends (a budget
//! unit); `合计` is the department's row. Names wrap over lines; the amounts stand on the name's
//! last line or on the line after it.

use rust_decimal::Decimal;

use super::super::amounts::{AmountRow, amount_row};
use super::super::items::next_marker;
use super::super::joined::clean;
use super::lines::{Kind, Line};
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Department,
    Agency,
    Project,
}

/// One row of the table and the lines that belong to it.
#[derive(Clone, Debug)]
pub struct Row {
    pub kind: RowKind,
    pub name: String,
    pub name_span: Span,
    pub numbers: Vec<(String, Decimal, Span)>,
    /// Indices (into the content lines) of the first name line and of the amounts line.
    pub first: usize,
    pub amounts: usize,
    /// Text after the amounts on the same line, and where it starts in the source.
    pub after: (String, usize),
    /// Page and source line number of the first name line.
    pub page: usize,
    pub line: usize,
}

/// The longest a wrapped name is allowed to be, in lines.
const MAX_NAME_LINES: usize = 12;
/// A name fragment is a short piece of a narrow column.
const MAX_NAME_CHARS: usize = 30;

/// The rows among the content lines (non-blank, non-header), in order.
pub fn rows(content: &[&Line<'_>]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut floor = 0;
    for (index, line) in content.iter().enumerate() {
        let Some(found) = amount_row(line.text, line.start) else {
            continue;
        };
        let row = name_row(content, index, floor, line, found);
        floor = index + 1;
        rows.push(row);
    }
    rows
}

fn name_row(
    content: &[&Line<'_>],
    index: usize,
    floor: usize,
    line: &Line,
    found: AmountRow,
) -> Row {
    let before = line.text[found.before.0..found.before.1].trim();
    let mut pieces: Vec<(&str, usize)> = Vec::new();
    if !before.is_empty() {
        pieces.push((before, line.start + line.text.find(before).unwrap_or(0)));
    }
    let mut project = line.indented() && !before.is_empty();
    let total = matches!(before, "合计" | "总计");
    let mut first = index;
    if !project && !total {
        let mut j = index;
        while j > floor && index - j < MAX_NAME_LINES {
            let previous = content[j - 1];
            if !name_like(previous.text) {
                break;
            }
            j -= 1;
            let text = previous.text.trim();
            pieces.insert(
                0,
                (text, previous.start + previous.text.find(text).unwrap_or(0)),
            );
            if previous.indented() {
                project = true;
                break;
            }
        }
        first = j;
    }
    let name = clean(&pieces.iter().map(|(t, _)| *t).collect::<String>());
    let name_span = match (pieces.first(), pieces.last()) {
        (Some((_, start)), Some((text, last))) => Span::new(*start, last + text.len()),
        _ => Span::new(line.start, line.start),
    };
    let kind = if project {
        RowKind::Project
    } else if total {
        RowKind::Department
    } else {
        RowKind::Agency
    };
    Row {
        kind,
        name,
        name_span,
        numbers: found.numbers,
        first,
        amounts: index,
        after: (
            line.text[found.after.0..found.after.1].to_owned(),
            line.start + found.after.0,
        ),
        page: content[first].page,
        line: content[first].number,
    }
}

/// Could this line be part of a wrapped name? Sentences, indicator lists and long lines are not.
fn name_like(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= MAX_NAME_CHARS
        && !text.ends_with(['。', '；', ';', '，', '：'])
        && !text.contains("指标值")
        && !text.contains("指标：")
        && next_marker(text, 0, 0).is_none()
        && amount_row(text, 0).is_none()
}

/// The content lines: neither blank nor page header.
pub fn content<'a, 'b>(lines: &'b [Line<'a>]) -> Vec<&'b Line<'a>> {
    lines.iter().filter(|l| l.kind == Kind::Content).collect()
}
