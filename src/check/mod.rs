//! Lints over the model. Each rule is a pure function of the spec; rules never call each other,
//! and the output is sorted so runs are byte-identical.

pub mod rules;
pub mod vocabulary;

pub mod suppress;

use crate::config::Settings;
use crate::diagnostic::{self, Code, Diagnostic};
use crate::model::Spec;

/// A lint: its code and the function that finds its diagnostics under a configuration.
pub type Lint = (Code, fn(&Spec, &Settings) -> Vec<Diagnostic>);

/// Every lint, in code order.
pub const LINTS: &[Lint] = &[
    (Code::VagueTarget, rules::vague_target::check),
    (Code::UnmeasurableTarget, rules::unmeasurable_target::check),
    (Code::MissingOperator, rules::missing_operator::check),
    (Code::MissingUnit, rules::missing_unit::check),
    (Code::UnitMismatch, rules::unit_mismatch::check),
    (Code::OutOfRange, rules::out_of_range::check),
    (Code::BadRange, rules::bad_range::check),
    (Code::DuplicateIndicator, rules::duplicate_indicator::check),
    (Code::MissingCategory, rules::missing_category::check),
    (Code::AmountMismatch, rules::amount_mismatch::check),
    (Code::BelowThreshold, rules::below_threshold::check),
];

/// Runs every lint over a spec with the default settings.
pub fn check(spec: &Spec) -> Vec<Diagnostic> {
    check_with(spec, &Settings::default())
}

/// Runs every lint over a spec under a configuration (its vocabulary and thresholds); rule
/// levels are applied afterwards, to every finding alike (`Settings::apply_levels`).
pub fn check_with(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = LINTS
        .iter()
        .flat_map(|(_, lint)| lint(spec, settings))
        .collect();
    diagnostic::sort(&mut found);
    found
}
