//! `best-score-mismatch` (JX0402): a rule whose best score is not the indicator's weight.

use rust_decimal::Decimal;

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;
use crate::model::scoring::{ScoreRule, Scoring};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, _, scoring) in spec.scored() {
        if let Some(best) = best(scoring)
            && best != scoring.weight
        {
            out.push(
                Diagnostic::new(Code::BestScoreMismatch, scoring.span)
                    .arg("name", name)
                    .arg("weight", scoring.weight.normalize().to_string())
                    .arg("best", best.normalize().to_string()),
            );
        }
    }
    out
}

/// The most a rule can give, where the rule says it.
fn best(scoring: &Scoring) -> Option<Decimal> {
    match &scoring.rule {
        // Bonus terms may carry `达标得N分` up to the weight.
        ScoreRule::Steps { best, terms, .. } if terms.iter().all(|t| !t.bonus) => *best,
        ScoreRule::Bands { bands } => bands.iter().map(|b| b.points).max(),
        ScoreRule::Linear { from, to } => Some(from.points.max(to.points)),
        _ => None,
    }
}
