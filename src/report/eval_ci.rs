//! An evaluation as CI sees it: the spec's findings plus one `target-not-met` finding per
//! indicator not met or not judgeable, placed on its target, and the actuals file's findings —
//! so SARIF, GitHub annotations and JUnit render an evaluation with the renderers of `check`.

use crate::Checked;
use crate::diagnostic::{self, Code, Diagnostic};
use crate::eval::{Evaluation, Row, Verdict};
use crate::model::Spec;
use crate::source::SourceFile;

/// The spec file and the actuals file, each with its findings.
pub fn as_checked(evaluation: &Evaluation, spec: &Checked, actuals: &SourceFile) -> Vec<Checked> {
    let mut spec_findings = evaluation.spec_diagnostics.clone();
    spec_findings.extend(unmet(evaluation));
    two_files(
        spec,
        spec_findings,
        actuals,
        &evaluation.actuals_diagnostics,
    )
}

/// The spec with `spec_findings` (sorted here) and the actuals file with its own, as `check`'s
/// renderers take them.
pub fn two_files(
    spec: &Checked,
    mut spec_findings: Vec<Diagnostic>,
    actuals: &SourceFile,
    actuals_findings: &[Diagnostic],
) -> Vec<Checked> {
    diagnostic::sort(&mut spec_findings);
    vec![
        Checked {
            source: spec.source.clone(),
            spec: spec.spec.clone(),
            diagnostics: spec_findings,
        },
        Checked {
            source: actuals.clone(),
            spec: Spec::default(),
            diagnostics: actuals_findings.to_vec(),
        },
    ]
}

fn unmet(evaluation: &Evaluation) -> impl Iterator<Item = Diagnostic> + '_ {
    let items = evaluation.sections.iter().flat_map(|s| &s.rows);
    items.filter_map(|row| {
        let Row::Item(item) = row else {
            return None;
        };
        let detail = match &item.verdict {
            Verdict::Met | Verdict::Missing => return None,
            Verdict::NotMet { gap } => gap.as_ref().map(|g| format!("（{g}）")),
            Verdict::Unmeasurable { reason } => Some(format!("（{reason}）")),
        };
        Some(
            Diagnostic::new(Code::TargetNotMet, item.span)
                .arg("name", &item.name)
                .arg("verdict", item.verdict.label())
                .arg("target", &item.target)
                .arg("actual", item.actual.as_deref().unwrap_or("—"))
                .arg("detail", detail.unwrap_or_default()),
        )
    })
}
