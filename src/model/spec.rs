//! The typed model of a spec: department → budget units (预算单位) → projects → indicators.

use rust_decimal::Decimal;
use serde::Serialize;

use super::category::Category;
use super::scoring::{Group, Scoring, Settings};
use super::target::{GradeScale, Target};
use crate::source::Span;

/// One spec file: its departments and the grade scales declared at top level.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Spec {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<GradeScale>,
    pub departments: Vec<Department>,
}

/// 部门: the department publishing the targets for one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Department {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    pub budget: Budget,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<GradeScale>,
    pub agencies: Vec<Agency>,
    /// `组 … { … }`: scored groups (部门整体 rubrics).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// `计分 …`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    #[serde(skip)]
    pub span: Span,
}

/// 预算单位: a budget unit (an organisation; not a unit of measure).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Agency {
    pub name: String,
    pub budget: Budget,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<GradeScale>,
    pub projects: Vec<Project>,
    #[serde(skip)]
    pub span: Span,
}

/// 项目: a budgeted project with its goal and indicators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Project {
    pub name: String,
    /// 涉密: published without indicators on purpose.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub classified: bool,
    pub budget: Budget,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// 实施期目标: the goal of the whole period of a multi-year project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_goal: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<GradeScale>,
    pub indicators: Vec<Indicator>,
    #[serde(skip)]
    pub span: Span,
    /// Some indicator line could not be placed in the hierarchy (already reported).
    #[serde(skip)]
    pub incomplete: bool,
}

/// Amounts in 万元, exactly as written (two decimals in the documents).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Budget {
    #[serde(rename = "总计", skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    #[serde(rename = "财政拨款", skip_serializing_if = "Option::is_none")]
    pub fiscal: Option<Amount>,
    #[serde(rename = "财政专户拨款", skip_serializing_if = "Option::is_none")]
    pub special: Option<Amount>,
    #[serde(rename = "其他资金", skip_serializing_if = "Option::is_none")]
    pub other: Option<Amount>,
}

/// An amount in 万元 and where it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Amount {
    pub value: Decimal,
    #[serde(skip)]
    pub span: Span,
}

/// The budget columns, in the order tables print them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fund {
    Total,
    Fiscal,
    Special,
    Other,
}

impl Fund {
    pub const ALL: [Fund; 4] = [Fund::Total, Fund::Fiscal, Fund::Special, Fund::Other];
    pub const SOURCES: [Fund; 3] = [Fund::Fiscal, Fund::Special, Fund::Other];

    pub fn read(word: &str) -> Option<Fund> {
        Some(match word {
            "总计" | "合计" => Fund::Total,
            "财政拨款" => Fund::Fiscal,
            "财政专户拨款" | "财政专户" => Fund::Special,
            "其他资金" => Fund::Other,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Fund::Total => "总计",
            Fund::Fiscal => "财政拨款",
            Fund::Special => "财政专户拨款",
            Fund::Other => "其他资金",
        }
    }
}

impl Budget {
    pub fn get(&self, fund: Fund) -> Option<&Amount> {
        match fund {
            Fund::Total => self.total.as_ref(),
            Fund::Fiscal => self.fiscal.as_ref(),
            Fund::Special => self.special.as_ref(),
            Fund::Other => self.other.as_ref(),
        }
    }

    pub fn slot(&mut self, fund: Fund) -> &mut Option<Amount> {
        match fund {
            Fund::Total => &mut self.total,
            Fund::Fiscal => &mut self.fiscal,
            Fund::Special => &mut self.special,
            Fund::Other => &mut self.other,
        }
    }

    pub fn is_empty(&self) -> bool {
        Fund::ALL.iter().all(|f| self.get(*f).is_none())
    }
}

/// 三级指标: a named indicator with its place in the hierarchy and its target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Indicator {
    pub category: Category,
    pub name: String,
    pub target: Target,
    /// `评分 …` on the next line: the weight and rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring: Option<Scoring>,
    /// `年初 …` on a following line: the start-of-year target, when `target` is an adjusted one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial: Option<Target>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}
