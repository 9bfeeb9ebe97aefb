//! Lints over the model. Each rule is a pure function of the spec; rules never call each other,
//! and the output is sorted so runs are byte-identical.

pub mod rules;
pub mod vocabulary;

use crate::diagnostic::{self, Code, Diagnostic};
use crate::model::Spec;

/// A lint: its code and the function that finds its diagnostics.
pub type Lint = (Code, fn(&Spec) -> Vec<Diagnostic>);

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
];

/// Runs every lint over a spec.
pub fn check(spec: &Spec) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = LINTS.iter().flat_map(|(_, lint)| lint(spec)).collect();
    diagnostic::sort(&mut found);
    found
}
