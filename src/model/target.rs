//! Targets, normalized: every way of writing a target becomes one of these meanings.

use serde::Serialize;

use super::quantity::Quantity;
use crate::source::Span;

/// A comparison between an actual value and a bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Comparison {
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
            Comparison::Eq => "=",
            Comparison::Ne => "!=",
            Comparison::Lt => "<",
            Comparison::Le => "<=",
        }
    }
}

/// Which way is better for an indicator, read from its name and unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Polarity {
    /// 合格率, 满意度, 数量: more is better.
    Higher,
    /// 差错率, 处理时间, 事故: less is better.
    Lower,
    /// 运维周期: the value itself is the plan.
    Exact,
}

/// A target as written and what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The text as written, without trailing punctuation.
    pub text: String,
    #[serde(flatten)]
    pub meaning: Meaning,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Meaning {
    /// Every clause must hold (one clause for most targets).
    Conditions { clauses: Vec<Clause> },
    /// A grade on a declared scale: `良好` on 优/良好/中/差 means 良好 or better.
    Grade {
        op: Comparison,
        grade: String,
        scale: String,
        /// 0 is the best grade of the scale.
        rank: usize,
    },
    /// Text with no number and no declared grade: the checker decides how vague it is.
    Unmeasurable,
}

/// One measurable statement and the words around it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Clause {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(flatten)]
    pub condition: Condition,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum Condition {
    /// `>= 3万册`, `90%以上`, `95%` (no operator written: `stated` is false and `op` is what
    /// the indicator implies, if anything).
    Compare {
        op: Option<Comparison>,
        stated: bool,
        bound: Quantity,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        cumulative: bool,
        #[serde(skip)]
        op_span: Option<Span>,
    },
    /// `15-20家`: both ends included, unless `(含)` marks one end and so leaves the other out
    /// (`80%(含)-90%`), or `(不含)` leaves out the end it follows.
    Range {
        low: Quantity,
        high: Quantity,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        low_open: bool,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        high_open: bool,
    },
    /// `无`, `0次`-like statements that something does not happen.
    ZeroEvent {
        #[serde(skip_serializing_if = "Option::is_none")]
        event: Option<String>,
    },
    /// `较2022年增加5%`: a change against a baseline value.
    Relative {
        baseline: String,
        change: Change,
        op: Comparison,
        amount: Quantity,
    },
    /// `2023年12月31日前`.
    Deadline {
        #[serde(skip_serializing_if = "Option::is_none")]
        year: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        month: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        day: Option<u32>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Increase,
    Decrease,
}

impl Target {
    /// The clauses of a measurable target (empty for grades and unmeasurable text).
    pub fn clauses(&self) -> &[Clause] {
        match &self.meaning {
            Meaning::Conditions { clauses } => clauses,
            _ => &[],
        }
    }

    /// The quantity a scoring rule's values are read against: the first clause's bound (a
    /// range's lower end), or a plain 0 for a target that nothing happens (`无违规`: a
    /// `每发现一处扣1分` rule counts cases).
    pub fn reference(&self) -> Option<Quantity> {
        self.clauses().first()?.condition.reference()
    }
}

impl Condition {
    /// See `Target::reference`.
    pub fn reference(&self) -> Option<Quantity> {
        match self {
            Condition::ZeroEvent { .. } => Some(Quantity {
                value: rust_decimal::Decimal::ZERO,
                unit: None,
                per: None,
                span: Span::default(),
                unit_span: None,
            }),
            Condition::Compare { bound, .. } => Some(bound.clone()),
            Condition::Range { low, .. } => Some(low.clone()),
            _ => None,
        }
    }
}

/// A declared grade scale for qualitative targets, best grade first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GradeScale {
    pub name: String,
    pub grades: Vec<String>,
    #[serde(skip)]
    pub span: Span,
}
