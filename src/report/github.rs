//! GitHub Actions: one workflow command per finding (errors first, then warnings) so findings
//! show as annotations on the pull request, then the summary line; and a Markdown table for the
//! job summary page.

use super::Summary;
use super::human::summary_line;
use super::stream::FileByFile;
use crate::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Every finding as a `::error …::message` or `::warning …::message` line, then the summary.
pub fn render(results: &[Checked]) -> String {
    super::stream::whole(Box::new(Stream::default()), results)
}

/// The workflow commands written a file at a time: errors at once, warnings held to the end.
#[derive(Default)]
pub struct Stream {
    warnings: String,
}

impl FileByFile for Stream {
    fn file(&mut self, checked: &Checked) -> String {
        let mut errors = String::new();
        for d in &checked.diagnostics {
            let out = match d.severity {
                Severity::Error => &mut errors,
                Severity::Warning => &mut self.warnings,
            };
            out.push_str(&command(&checked.source, d));
            out.push('\n');
        }
        errors
    }

    fn finish(self: Box<Self>, summary: &Summary) -> String {
        self.warnings + &summary_line(summary)
    }
}

/// Every finding with its file: all errors, then all warnings, each in file order.
fn errors_first(results: &[Checked]) -> impl Iterator<Item = (&Checked, &Diagnostic)> {
    [Severity::Error, Severity::Warning]
        .into_iter()
        .flat_map(move |severity| {
            results.iter().flat_map(move |checked| {
                checked
                    .diagnostics
                    .iter()
                    .filter(move |d| d.severity == severity)
                    .map(move |d| (checked, d))
            })
        })
}

/// One workflow command. Columns (1-based, in characters; the end column just past the last
/// character, as in the JSON output) are given only when the finding starts and ends on one line.
pub fn command(source: &SourceFile, d: &Diagnostic) -> String {
    let start = source.line_col(d.span.start);
    let end = source.line_col(d.span.end);
    let rule = d.rule();
    let mut properties = vec![("file", source.name.clone())];
    // A workbook has no lines to annotate: the file is named and the message starts with the cell.
    if d.cell.is_none() {
        properties.push(("line", start.line.to_string()));
        properties.push(("endLine", end.line.to_string()));
    }
    if start.line == end.line && d.cell.is_none() {
        properties.push(("col", start.column.to_string()));
        properties.push(("endColumn", end.column.to_string()));
    }
    properties.push(("title", format!("{} {}", rule.id, rule.name)));
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    let mut message = match &d.cell {
        Some(cell) => format!("{cell}: {}", d.message()),
        None => d.message(),
    };
    if let Some(help) = d.help() {
        message.push('\n');
        message.push_str(&help);
    }
    format!(
        "::{} {}::{}",
        d.severity.as_str(),
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a command's message: `%`, carriage return and line feed.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property: as the message, and also `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A Markdown table of every finding for `$GITHUB_STEP_SUMMARY`, then the summary line.
pub fn step_summary(results: &[Checked]) -> String {
    let mut out = String::from("### jixiao\n\n");
    let any = results.iter().any(|c| !c.diagnostics.is_empty());
    if any {
        out.push_str("| 级别 | 位置 | 规则 | 说明 |\n| --- | --- | --- | --- |\n");
        for (checked, d) in errors_first(results) {
            let rule = d.rule();
            out.push_str(&format!(
                "| {} | `{}` | {} {} | {} |\n",
                d.severity.as_str(),
                d.place(&checked.source).replace('`', "'"),
                rule.id,
                rule.name,
                escape_cell(&d.message())
            ));
        }
        out.push('\n');
    }
    out.push_str(&summary_line(&Summary::of(results)));
    out.push('\n');
    out
}

/// A table cell stays one cell: pipes escaped, line breaks as `<br>`, HTML kept as text.
fn escape_cell(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}
