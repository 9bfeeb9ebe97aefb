//! `annual-equals-term` (JX0214): a project whose 年度目标 is its 实施期目标 copied: the year's
//! share of a multi-year project is not stated.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    spec.projects()
        .filter(|(_, p)| match (&p.goal, &p.term_goal) {
            (Some(year), Some(term)) => bare(year) == bare(term),
            _ => false,
        })
        .map(|(_, p)| Diagnostic::new(Code::AnnualEqualsTerm, p.span).arg("name", &p.name))
        .collect()
}

/// The goal's words: spaces and punctuation do not make two goals different.
fn bare(goal: &str) -> String {
    goal.chars().filter(|c| c.is_alphanumeric()).collect()
}
