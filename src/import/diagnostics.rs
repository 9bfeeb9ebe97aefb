//! The import findings (JX06xx), built in one place so every reader words them the same way.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

pub fn unplaced(place: &str, span: Span, detail: &str) -> Diagnostic {
    Diagnostic::new(Code::UnplacedRow, span)
        .arg("place", place)
        .arg("detail", detail)
        .arg(
            "help_detail",
            "对照原表核对这一处；这里的内容没有写入规格，导入计数中记为“未导入”",
        )
}

pub fn unreadable_indicator(place: &str, span: Span, text: &str, detail: &str) -> Diagnostic {
    Diagnostic::new(Code::UnreadableIndicator, span)
        .arg("place", place)
        .arg("text", text)
        .arg("detail", detail)
        .arg(
            "help_detail",
            "改正源表格后重新导入，或在生成的规格中手写这条指标（`类别 名称 指标值`）",
        )
}

pub fn numbering_gap(place: &str, span: Span, previous: u32, number: u32) -> Diagnostic {
    Diagnostic::new(Code::NumberingGap, span)
        .arg("place", place)
        .arg("previous", previous)
        .arg("number", number)
}

pub fn deduced(
    place: &str,
    span: Span,
    name: &str,
    amount: &str,
    column: &str,
    detail: &str,
) -> Diagnostic {
    Diagnostic::new(Code::DeducedAmountColumn, span)
        .arg("place", place)
        .arg("name", name)
        .arg("amount", amount)
        .arg("column", column)
        .arg("detail", detail)
}

pub fn ambiguous(place: &str, span: Span, name: &str, detail: &str) -> Diagnostic {
    Diagnostic::new(Code::AmbiguousAmountColumn, span)
        .arg("place", place)
        .arg("name", name)
        .arg("detail", detail)
}

pub fn unknown_column(place: &str, span: Span, heading: &str) -> Diagnostic {
    Diagnostic::new(Code::UnknownColumn, span)
        .arg("place", place)
        .arg("heading", heading)
}

pub fn missing_column(place: &str, span: Span, column: &str) -> Diagnostic {
    Diagnostic::new(Code::MissingColumn, span)
        .arg("place", place)
        .arg("column", column)
}

pub fn count_mismatch(what: &str, found: usize, skipped: usize, written: usize) -> Diagnostic {
    Diagnostic::new(Code::CountMismatch, Span::default())
        .arg("what", what)
        .arg("found", found)
        .arg("skipped", skipped)
        .arg("written", written)
}

pub fn unreadable_table(detail: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Code::UnreadableTable, Span::default())
        .arg("detail", detail)
        .arg("help_detail", help)
}
