//! One line per finding, `file:line:column: severity[code name] message`, for logs and greps.

use super::Summary;
use super::human::summary_line;
use crate::Checked;

pub fn render(results: &[Checked]) -> String {
    let mut out = String::new();
    for checked in results {
        for d in &checked.diagnostics {
            let at = checked.source.line_col(d.span.start);
            let rule = d.rule();
            out.push_str(&format!(
                "{}:{}:{}: {}[{} {}] {}\n",
                checked.source.name,
                at.line,
                at.column,
                d.severity.as_str(),
                rule.id,
                rule.name,
                d.message()
            ));
        }
    }
    out.push_str(&summary_line(&Summary::of(results)));
    out
}
