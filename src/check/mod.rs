//! Lints over the model. Each rule is a pure function of the spec; rules never call each other,
//! and the output is sorted so runs are byte-identical.

pub mod configured;
pub mod measurability;
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
    (Code::PercentNotRate, rules::percent_not_rate::check),
    (Code::ValueWithoutNumber, rules::value_without_number::check),
    (
        Code::TemplatePlaceholder,
        rules::template_placeholder::check,
    ),
    (
        Code::DirectionContradiction,
        rules::direction_contradiction::check,
    ),
    (Code::UnitInName, rules::unit_in_name::check),
    (Code::DuplicateIndicator, rules::duplicate_indicator::check),
    (Code::MissingCategory, rules::missing_category::check),
    (
        Code::SatisfactionAsBenefit,
        rules::satisfaction_as_benefit::check,
    ),
    (Code::InputAsOutput, rules::input_as_output::check),
    (Code::MissingCost, rules::missing_cost::check),
    (Code::TooFewIndicators, rules::too_few_indicators::check),
    (Code::EmptyLevel2, rules::empty_level2::check),
    (Code::CostWithoutMoney, rules::cost_without_money::check),
    (Code::CostOverBudget, rules::cost_over_budget::check),
    (
        Code::UnitCostOverBudget,
        rules::unit_cost_over_budget::check,
    ),
    (Code::CostAboveStandard, rules::cost_above_standard::check),
    (Code::OutcomeAsOutput, rules::outcome_as_output::check),
    (Code::WeightTotal, rules::weight_total::check),
    (Code::AnnualEqualsTerm, rules::annual_equals_term::check),
    (Code::AmountMismatch, rules::amount_mismatch::check),
    (Code::BelowThreshold, rules::below_threshold::check),
    (Code::BandProblem, rules::band_problem::check),
    (Code::BestScoreMismatch, rules::best_score_mismatch::check),
    (Code::WeightSum, rules::weight_sum::check),
    (Code::RuleNotApplicable, rules::rule_not_applicable::check),
];

/// The lints on scoring rules (JX04xx): `jixiao eval` reports them beside its own findings.
pub const SCORING_LINTS: &[Code] = &[
    Code::BandProblem,
    Code::BestScoreMismatch,
    Code::WeightSum,
    Code::RuleNotApplicable,
];

/// Runs the scoring-rule lints alone.
pub fn scoring(spec: &Spec) -> Vec<Diagnostic> {
    let settings = Settings::default();
    let mut found: Vec<Diagnostic> = (LINTS.iter())
        .filter(|(code, _)| SCORING_LINTS.contains(code))
        .flat_map(|(_, lint)| lint(spec, &settings))
        .collect();
    diagnostic::sort(&mut found);
    found
}

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
