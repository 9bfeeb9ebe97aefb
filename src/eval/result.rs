//! What an evaluation produces: sections (a project, or a department's rubric), their rows, and
//! totals. Serialized as the `--format json` output.

use rust_decimal::Decimal;
use serde::Serialize;

use super::verdict::Verdict;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// The results of evaluating one spec against one actuals file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Evaluation {
    pub sections: Vec<Section>,
    /// Findings in the spec (rule lints).
    #[serde(skip)]
    pub spec_diagnostics: Vec<Diagnostic>,
    /// Findings in the actuals file (unknown entries, unreadable values, the audit).
    #[serde(skip)]
    pub actuals_diagnostics: Vec<Diagnostic>,
}

/// One scored whole: a project (default rules) or a department's rubric.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub title: String,
    pub rows: Vec<Row>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution: Option<Execution>,
    pub weight: Decimal,
    pub score: Decimal,
    /// 得分率, percent, two decimals.
    pub rate: Decimal,
    pub grade: String,
    /// Decimals kept for scores.
    pub decimals: u32,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "row", rename_all = "snake_case")]
pub enum Row {
    Group(GroupRow),
    Item(ItemRow),
}

/// A group (or, for a project, a category) with its weight, score and 得分率.
#[derive(Clone, Debug, Serialize)]
pub struct GroupRow {
    pub depth: usize,
    pub name: String,
    pub weight: Decimal,
    pub score: Decimal,
    pub rate: Decimal,
}

/// One indicator: target, actual, verdict, score.
#[derive(Clone, Debug, Serialize)]
pub struct ItemRow {
    pub depth: usize,
    pub name: String,
    pub target: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    #[serde(flatten)]
    pub verdict: Verdict,
    pub weight: Decimal,
    /// Rounded to the section's decimals; `None` when not judged.
    pub score: Option<Decimal>,
    /// The score the report gives, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported: Option<String>,
    /// Where the reported score is in the actuals file (the annotated workbook's score cell).
    #[serde(skip)]
    pub reported_span: Option<Span>,
    /// How the score was reached.
    pub basis: String,
    /// The target in the spec, where CI formats annotate an unmet indicator.
    #[serde(skip)]
    pub span: Span,
}

/// 预算执行率: 10 × 全年执行数 / 全年预算数.
#[derive(Clone, Debug, Serialize)]
pub struct Execution {
    pub budget: Decimal,
    pub spent: Decimal,
    /// Percent, two decimals.
    pub rate: Decimal,
    pub weight: Decimal,
    pub score: Decimal,
}

impl Evaluation {
    /// Whether every judged indicator is met (and none is missing or unmeasurable).
    pub fn all_met(&self) -> bool {
        self.sections
            .iter()
            .flat_map(|s| &s.rows)
            .all(|row| match row {
                Row::Item(item) => item.verdict.is_met(),
                Row::Group(_) => true,
            })
    }
}
