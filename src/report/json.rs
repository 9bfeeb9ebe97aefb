//! Machine output: a JSON array of findings. The schema is stable and documented in README.md;
//! fields are only ever added.

use serde::Serialize;

use super::stream::{FileByFile, JsonArray};
use crate::Checked;
use crate::diagnostic::{Diagnostic, Fix};
use crate::source::SourceFile;

/// One finding, with positions as editors and CI tools count them.
#[derive(Serialize)]
pub struct Finding<'a> {
    pub file: &'a str,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column of the first character, counted in characters.
    pub column: usize,
    pub end_line: usize,
    /// 1-based column just past the last character, counted in characters.
    pub end_column: usize,
    /// UTF-8 byte offset of the first byte.
    pub start_byte: usize,
    /// UTF-8 byte offset one past the last byte.
    pub end_byte: usize,
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub labels: Vec<FindingLabel>,
    pub fix: Option<&'a Fix>,
    /// The workbook cell of a finding in a table (`Sheet1!E14`); absent for a spec.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<&'a str>,
}

#[derive(Serialize)]
pub struct FindingLabel {
    pub line: usize,
    pub column: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    pub text: String,
}

pub fn finding<'a>(source: &'a SourceFile, d: &'a Diagnostic) -> Finding<'a> {
    let start = source.line_col(d.span.start);
    let end = source.line_col(d.span.end);
    Finding {
        file: &source.name,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        start_byte: d.span.start,
        end_byte: d.span.end,
        code: d.rule().id,
        name: d.rule().name,
        severity: d.severity.as_str(),
        message: d.message(),
        label: d.primary_label(),
        help: d.help(),
        labels: d
            .labels
            .iter()
            .map(|l| {
                let at = source.line_col(l.span.start);
                FindingLabel {
                    line: at.line,
                    column: at.column,
                    start_byte: l.span.start,
                    end_byte: l.span.end,
                    text: l.text.clone(),
                }
            })
            .collect(),
        fix: d.fix.as_ref(),
        cell: d.cell.as_deref(),
    }
}

/// The findings of every file as a pretty-printed JSON array.
pub fn render(results: &[Checked]) -> String {
    super::stream::whole(Box::new(Stream::default()), results)
}

/// The JSON array written a file at a time.
pub struct Stream(JsonArray);

impl Default for Stream {
    fn default() -> Stream {
        Stream(JsonArray::new(0))
    }
}

impl FileByFile for Stream {
    fn file(&mut self, checked: &Checked) -> String {
        let source = &checked.source;
        checked
            .diagnostics
            .iter()
            .map(|d| self.0.element(&finding(source, d)))
            .collect()
    }

    fn finish(self: Box<Self>, _: &super::Summary) -> String {
        self.0.close() + "\n"
    }
}
