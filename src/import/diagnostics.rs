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

pub fn text_not_indicator(place: &str, span: Span, text: &str) -> Diagnostic {
    Diagnostic::new(Code::TextNotIndicator, span)
        .arg("place", place)
        .arg("text", text)
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

/// `seen` says which headings were seen and proposes a `--columns` mapping.
pub fn missing_column(place: &str, span: Span, column: &str, seen: &str) -> Diagnostic {
    Diagnostic::new(Code::MissingColumn, span)
        .arg("place", place)
        .arg("column", column)
        .arg("seen", seen)
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

pub fn direction_contradiction(
    place: &str,
    span: Span,
    name: &str,
    direction: &str,
    operator: &str,
) -> Diagnostic {
    Diagnostic::new(Code::DirectionColumnContradiction, span)
        .arg("place", place)
        .arg("name", name)
        .arg("direction", direction)
        .arg("operator", operator)
}

/// A PDF whose text layer is empty: a scan, which must be recognised (OCR) first.
pub fn needs_ocr() -> Diagnostic {
    unreadable_table(
        "PDF 中没有文字层（扫描件或图片）：pdftotext 读出的内容为空",
        "先用 OCR 识别（如 WPS、Adobe Acrobat 的「识别文字」或 ocrmypdf）得到带文字层的 PDF，或把表格另存为 Excel / Word 后再导入",
    )
}

/// `pdftotext` is missing or failed on the file.
pub fn pdf_unreadable(detail: &str) -> Diagnostic {
    unreadable_table(
        detail,
        "PDF 的文字由 poppler 的 pdftotext 读出：安装软件包 poppler-utils（如 `apt-get install poppler-utils`、`brew install poppler`），或把表格另存为 Excel / Word 后再导入",
    )
}

/// A document (Word, web page) with no table in it.
pub fn no_table(what: &str) -> Diagnostic {
    unreadable_table(
        &format!("{what}中没有表格"),
        "绩效目标要写在表格中；若指标是正文文字，把它们整理为表格（或 Excel）后再导入",
    )
}
