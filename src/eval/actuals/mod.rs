//! Actuals files (实际完成值): TOML, JSON or CSV text → `Actuals`, every value with its span in
//! the file so diagnostics point at it. Values stay text; they are read later by the same value
//! grammar as targets. No I/O here: the CLI reads the bytes.

mod csv;
mod keyed;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use crate::syntax::MAX_LINE_BYTES;

/// More entries than this are refused (a department has a few hundred indicators).
pub const MAX_ENTRIES: usize = 100_000;

/// A text value and where it stands in the actuals file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub span: Span,
}

/// One indicator's actual value, with what the report says about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub agency: Option<Field>,
    pub project: Option<Field>,
    pub name: Option<Field>,
    pub actual: Option<Field>,
    /// The score the report gives.
    pub score: Option<Field>,
    /// The 得分率 the report gives (some reports give two).
    pub rates: Vec<Field>,
    pub note: Option<Field>,
    /// How the report computes the actual (`5650.66 / 5790.95`).
    pub formula: Option<Field>,
    /// The baseline value of a relative target (`较2022年增加5%`).
    pub baseline: Option<Field>,
    pub deductions: Vec<Deduction>,
    /// What in-year monitoring (`jixiao monitor`) reads beside the actual.
    pub monitoring: Explanation,
}

/// A monitoring row's explanation: 偏差原因, 偏差类别, 完成目标可能性, 全年预计, 整改措施.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    pub reason: Option<Field>,
    /// 经费 / 制度 / 人员 / 硬件 / 其他.
    pub category: Option<Field>,
    /// 确定能 / 有可能 / 完全不可能.
    pub likelihood: Option<Field>,
    /// 全年预计完成情况, read by the value grammar like an actual.
    pub forecast: Option<Field>,
    /// 整改措施.
    pub measures: Option<Field>,
}

/// `扣分 = [{ 分值 = "1", 原因 = "…" }]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deduction {
    pub points: Field,
    pub reason: Option<Field>,
}

/// A project's budget execution (年初预算数 / 全年预算数 / 全年执行数) and reported figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectFigures {
    pub agency: Option<Field>,
    pub name: Option<Field>,
    pub initial: Option<Field>,
    pub budget: Option<Field>,
    pub spent: Option<Field>,
    pub rate: Option<Field>,
    pub execution_score: Option<Field>,
    pub score: Option<Field>,
}

/// A group's (or the whole evaluation's) reported score and 得分率.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reported {
    pub name: Option<Field>,
    pub score: Option<Field>,
    pub rates: Vec<Field>,
    pub grade: Option<Field>,
}

/// A figure the report states and the arithmetic that should give it (`核对`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Check {
    pub name: Option<Field>,
    pub formula: Option<Field>,
    pub reported: Option<Field>,
}

/// Everything an actuals file says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Actuals {
    pub entries: Vec<Entry>,
    pub projects: Vec<ProjectFigures>,
    pub groups: Vec<Reported>,
    pub total: Option<Reported>,
    pub checks: Vec<Check>,
}

/// The formats an actuals file can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
    Csv,
    /// An Excel workbook, already turned into CSV text by `eval::xlsx::to_csv`.
    Xlsx,
}

impl Format {
    /// The format a file name implies.
    pub fn of(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Some(Format::Toml)
        } else if lower.ends_with(".json") {
            Some(Format::Json)
        } else if lower.ends_with(".csv") {
            Some(Format::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(Format::Xlsx)
        } else {
            None
        }
    }
}

/// Reads an actuals file. Never fails: problems are diagnostics with spans into `source`.
pub fn read(source: &SourceFile, format: Format) -> (Actuals, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let actuals = match format {
        Format::Toml => keyed::read_toml(&source.text, &mut diagnostics),
        Format::Json => keyed::read_json(&source.text, &mut diagnostics),
        Format::Csv | Format::Xlsx => csv::read(&source.text, &mut diagnostics),
    };
    let mut actuals = actuals.unwrap_or_default();
    limit(&mut actuals, &mut diagnostics);
    (actuals, diagnostics)
}

fn limit(actuals: &mut Actuals, diagnostics: &mut Vec<Diagnostic>) {
    if actuals.entries.len() > MAX_ENTRIES {
        actuals.entries.truncate(MAX_ENTRIES);
        diagnostics.push(
            Diagnostic::new(Code::InputLimit, Span::new(0, 0))
                .arg("detail", format!("实际值超过 {MAX_ENTRIES} 条，其余未读")),
        );
    }
    for entry in &mut actuals.entries {
        if let Some(actual) = &entry.actual
            && actual.text.len() > MAX_LINE_BYTES
        {
            diagnostics.push(unreadable(
                actual.span,
                format!("实际值有 {} 字节，超过上限", actual.text.len()),
                "实际值应是一个简短的数值或等级",
            ));
            entry.actual = None;
        }
    }
}

pub(crate) fn unreadable(span: Span, detail: impl ToString, help: &str) -> Diagnostic {
    Diagnostic::new(Code::UnreadableActual, span)
        .arg("detail", detail)
        .arg("help_detail", help)
}
