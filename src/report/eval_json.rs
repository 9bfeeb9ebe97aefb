//! `jixiao eval --format json`: the sections as computed (decimals as strings, exact) and every
//! finding of the spec and the actuals file in the same shape as `jixiao check --format json`.

use serde::Serialize;

use super::json::{Finding, finding};
use crate::eval::{Evaluation, Section};
use crate::source::SourceFile;

#[derive(Serialize)]
struct Output<'a> {
    sections: &'a [Section],
    all_met: bool,
    findings: Vec<Finding<'a>>,
}

pub fn render(evaluation: &Evaluation, spec: &SourceFile, actuals: &SourceFile) -> String {
    let findings = evaluation
        .spec_diagnostics
        .iter()
        .map(|d| finding(spec, d))
        .chain(
            evaluation
                .actuals_diagnostics
                .iter()
                .map(|d| finding(actuals, d)),
        )
        .collect();
    let output = Output {
        sections: &evaluation.sections,
        all_met: evaluation.all_met(),
        findings,
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
