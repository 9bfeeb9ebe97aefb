//! `weight-total` (JX0213): a project whose indicators all carry a weight (`评分 N分`) that do
//! not add up to the total the form gives them: 100, or 90 in the 10号 self-evaluation, where
//! 预算执行率 holds the other 10 (`[review] weight-total` sets one total).

use rust_decimal::Decimal;

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    let totals = settings.requirements().weight_totals;
    let mut found = Vec::new();
    for (_, project) in spec.projects() {
        let weights: Vec<Decimal> = (project.indicators.iter())
            .filter_map(|i| i.scoring.as_ref().map(|s| s.weight))
            .collect();
        if weights.is_empty() || weights.len() != project.indicators.len() {
            continue;
        }
        let sum: Decimal = weights.iter().sum();
        if !totals.contains(&sum) {
            let expected: Vec<String> = totals.iter().map(|t| format!("{t}分")).collect();
            found.push(
                Diagnostic::new(Code::WeightTotal, project.span)
                    .arg("name", &project.name)
                    .arg("sum", sum.normalize())
                    .arg("expected", expected.join("或")),
            );
        }
    }
    found
}
