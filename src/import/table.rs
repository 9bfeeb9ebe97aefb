//! What an importer read from a source, before it becomes spec text: departments, budget units,
//! projects and indicators as written, each remembering where it came from.

use rust_decimal::Decimal;

use crate::model::Fund;
use crate::source::Span;

/// Everything read from one source file.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Lines for the comment at the top of the spec (the source, the conventions applied).
    pub notes: Vec<String>,
    pub departments: Vec<Department>,
    /// What the reader saw in the source, including what it could not import.
    pub found: Counts,
    /// What the reader saw but did not keep, each with a diagnostic saying why.
    pub skipped: Counts,
}

#[derive(Clone, Debug, Default)]
pub struct Department {
    pub name: String,
    pub year: Option<u32>,
    pub budget: Vec<Cell>,
    pub agencies: Vec<Agency>,
}

#[derive(Clone, Debug, Default)]
pub struct Agency {
    pub name: String,
    pub budget: Vec<Cell>,
    pub projects: Vec<Project>,
    /// Where the unit's row is, for diagnostics.
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Project {
    pub name: String,
    pub classified: bool,
    pub budget: Vec<Cell>,
    pub goal: Option<String>,
    /// 实施期目标, when the table gives one.
    pub term_goal: Option<String>,
    pub indicators: Vec<Item>,
    /// Comment lines written at the top of the project block.
    pub notes: Vec<String>,
    /// Category weights written in the labels (`产出指标(50分)`): (`产出`, 50).
    pub weights: Vec<(String, Decimal)>,
    /// A self-evaluation's funds block (年初预算数 / 全年预算数 / 全年执行数 …), for the actuals.
    pub figures: Vec<(&'static str, String)>,
    /// The workbook cell of its name (`Sheet1!B4`), when a form's info block gave it.
    pub place: Option<String>,
    /// The workbook cell of its 总计 (`Sheet1!C7`), when a form's funds block gave it.
    pub budget_place: Option<String>,
    pub span: Span,
}

/// One amount as printed, and the column it was read into.
#[derive(Clone, Debug)]
pub struct Cell {
    pub fund: Fund,
    /// As printed (`14,035.86`).
    pub text: String,
    pub value: Decimal,
    pub span: Span,
}

/// One indicator: the 一级 (and maybe 二级) category, the name and the target text, verbatim.
#[derive(Clone, Debug)]
pub struct Item {
    pub level1: String,
    pub level2: Option<String>,
    pub name: String,
    pub target: String,
    /// Columns the language has no place for (指标解释 …), kept as a comment.
    pub note: Option<String>,
    /// The 权重 / 分值 cell, written as the indicator's `评分` line when it is a number.
    pub weight: Option<String>,
    /// A self-evaluation's 实际完成值, 得分 and 偏差原因分析, for the actuals file.
    pub actual: Option<String>,
    pub score: Option<String>,
    pub deviation: Option<String>,
    /// The sheet cell the indicator's name is in (`Sheet1!D14`), for findings.
    pub place: Option<String>,
    pub span: Span,
}

/// How many of each thing: found in a source, skipped with a diagnostic, or written in a spec.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub departments: usize,
    pub agencies: usize,
    pub projects: usize,
    pub indicators: usize,
    pub amounts: usize,
}

impl Table {
    /// What the table holds now: what will be written.
    pub fn held(&self) -> Counts {
        let mut counts = Counts {
            departments: self.departments.len(),
            ..Counts::default()
        };
        for department in &self.departments {
            counts.amounts += department.budget.len();
            counts.agencies += department.agencies.len();
            for agency in &department.agencies {
                counts.amounts += agency.budget.len();
                counts.projects += agency.projects.len();
                for project in &agency.projects {
                    counts.amounts += project.budget.len();
                    counts.indicators += project.indicators.len();
                }
            }
        }
        counts
    }
}

impl Counts {
    pub fn plus(self, other: Counts) -> Counts {
        Counts {
            departments: self.departments + other.departments,
            agencies: self.agencies + other.agencies,
            projects: self.projects + other.projects,
            indicators: self.indicators + other.indicators,
            amounts: self.amounts + other.amounts,
        }
    }

    /// The rows of the summary table: label and value.
    pub fn rows(self) -> [(&'static str, usize); 5] {
        [
            ("部门", self.departments),
            ("预算单位", self.agencies),
            ("项目", self.projects),
            ("指标", self.indicators),
            ("金额", self.amounts),
        ]
    }
}

/// Fills amount columns in table order: the n-th number goes to the n-th column.
pub fn cells_in_order(columns: &[Fund], numbers: &[(String, Decimal, Span)]) -> Vec<Cell> {
    columns
        .iter()
        .zip(numbers)
        .map(|(fund, (text, value, span))| Cell {
            fund: *fund,
            text: text.clone(),
            value: *value,
            span: *span,
        })
        .collect()
}
