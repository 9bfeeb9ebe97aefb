//! One line per finding, `file:line:column: severity[code name] message` (`file:Sheet1!E14: …` in a workbook), for logs and greps.

use super::Summary;
use super::human::summary_line;
use crate::Checked;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

pub fn render(results: &[Checked]) -> String {
    let mut out: String = results
        .iter()
        .map(|checked| lines(&checked.source, &checked.diagnostics))
        .collect();
    out.push_str(&summary_line(&Summary::of(results)));
    out
}

/// The findings of one file, a line each, without a summary.
pub fn lines(source: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let rule = d.rule();
        out.push_str(&format!(
            "{}: {}[{} {}] {}\n",
            d.place(source),
            d.severity.as_str(),
            rule.id,
            rule.name,
            d.message()
        ));
    }
    out
}
