//! `too-few-indicators` (JX0206): a project (not 涉密) with fewer 三级 indicators than the profile's
//! minimum (3 by default).

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    let min = settings.requirements().min_indicators;
    spec.projects()
        .filter(|(_, p)| !p.classified && !p.incomplete)
        .filter(|(_, p)| p.indicators.len() < min)
        .map(|(_, p)| {
            Diagnostic::new(Code::TooFewIndicators, p.span)
                .arg("name", &p.name)
                .arg("count", p.indicators.len())
                .arg("min", min)
        })
        .collect()
}
