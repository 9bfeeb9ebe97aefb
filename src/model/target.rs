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

    /// The mathematical sign people read in hover and tables.
    pub fn sign(self) -> &'static str {
        match self {
            Comparison::Gt => ">",
            Comparison::Ge => "≥",
            Comparison::Eq => "=",
            Comparison::Ne => "≠",
            Comparison::Lt => "<",
            Comparison::Le => "≤",
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
    Unmeasurable {
        #[serde(skip)]
        word: Option<Span>,
    },
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
    /// `15-20家`: both ends included.
    Range { low: Quantity, high: Quantity },
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

    /// The normalized meaning in one line: `≥ 30,000 册`, `15–20 家`, `良好及以上（舆情质量）`.
    pub fn describe(&self) -> String {
        match &self.meaning {
            Meaning::Conditions { clauses } => clauses
                .iter()
                .map(Clause::describe)
                .collect::<Vec<_>>()
                .join(" 且 "),
            Meaning::Grade {
                op, grade, scale, ..
            } => format!("{} {grade}（{scale}）", op.sign()),
            Meaning::Unmeasurable { .. } => format!("不可衡量：{}", self.text),
        }
    }
}

impl Clause {
    pub fn describe(&self) -> String {
        let core = match &self.condition {
            Condition::Compare { op, bound, .. } => match op {
                Some(op) => format!("{} {}", op.sign(), bound.display()),
                None => format!("? {}", bound.display()),
            },
            Condition::Range { low, high } => format!("{} – {}", low.display(), high.display()),
            Condition::ZeroEvent { event } => match event {
                Some(event) => format!("无{event}"),
                None => "无".to_owned(),
            },
            Condition::Relative {
                baseline,
                change,
                op,
                amount,
            } => {
                let verb = match change {
                    Change::Increase => "增加",
                    Change::Decrease => "减少",
                };
                format!("较{baseline}{verb} {} {}", op.sign(), amount.display())
            }
            Condition::Deadline { year, month, day } => {
                let mut date = String::new();
                for (part, suffix) in [(year, "年"), (month, "月"), (day, "日")] {
                    if let Some(n) = part {
                        date.push_str(&format!("{n}{suffix}"));
                    }
                }
                format!("{date}前")
            }
        };
        match &self.subject {
            Some(subject) => format!("{subject} {core}"),
            None => core,
        }
    }
}
