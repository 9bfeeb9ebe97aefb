//! Monitoring as CI sees it: the spec's findings plus one `red-light` finding per red row,
//! placed on its target (and per red budget execution, on the project's `预算` line), and the
//! actuals file's findings — so SARIF, GitHub annotations and
//! JUnit render a monitoring run with the renderers of `check`.

use crate::Checked;
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::monitor::{Light, Monitoring};
use crate::source::SourceFile;

/// The spec file and the actuals file, each with its findings.
pub fn as_checked(monitoring: &Monitoring, spec: &Checked, actuals: &SourceFile) -> Vec<Checked> {
    let mut spec_findings = monitoring.spec_diagnostics.clone();
    spec_findings.extend(red(monitoring));
    super::eval_ci::two_files(
        spec,
        spec_findings,
        actuals,
        &monitoring.actuals_diagnostics,
    )
}

fn red(monitoring: &Monitoring) -> impl Iterator<Item = Diagnostic> + '_ {
    let execution = monitoring.projects.iter().filter_map(|p| {
        let e = p.execution.as_ref().filter(|e| e.light == Light::Red)?;
        Some(
            Diagnostic::new(Code::RedLight, p.span)
                .arg("name", format!("{} 预算执行", p.name))
                .arg("basis", "执行率 ÷ 序时进度")
                .arg("standard", format!("{}%", e.expected.normalize()))
                .arg("actual", format!("{}%", e.rate.normalize()))
                .arg("detail", format!("（完成比 {}%）", e.ratio.normalize())),
        )
    });
    let rows = monitoring
        .rows()
        .filter(|(_, row)| row.light == Light::Red)
        .map(|(_, row)| {
            let detail = match (row.ratio, &row.note) {
                (_, Some(note)) => format!("（{note}）"),
                (Some(ratio), None) => format!("（完成比 {}%）", ratio.normalize()),
                (None, None) => String::new(),
            };
            Diagnostic::new(Code::RedLight, row.span)
                .arg("name", &row.name)
                .arg("basis", row.basis.map_or("—", |b| b.label()))
                .arg("standard", row.standard.as_deref().unwrap_or("—"))
                .arg("actual", row.actual.as_deref().unwrap_or("—"))
                .arg("detail", detail)
        });
    rows.chain(execution)
}
