//! Actuals files in TOML or JSON: the keys of the documented layout, each string kept with its
//! span in the file.

use serde::Deserialize;

use super::{
    Actuals, Check, Deduction, Entry, Explanation, Field, ProjectFigures, Reported, unreadable,
};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

const FORMAT_HELP: &str = "每个值写成带引号的文本，如 `实际 = \"1200篇\"`、`得分 = \"1.908\"`；字段见 README「Scoring a self-evaluation」";

// ---- The file layout, generic over how a string arrives (with a span or without). ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile<S> {
    #[serde(rename = "指标", default = "Vec::new")]
    entries: Vec<RawEntry<S>>,
    #[serde(rename = "项目", default = "Vec::new")]
    projects: Vec<RawProject<S>>,
    #[serde(rename = "组", default = "Vec::new")]
    groups: Vec<RawReported<S>>,
    #[serde(rename = "总分", default = "Option::default")]
    total: Option<RawReported<S>>,
    #[serde(rename = "核对", default = "Vec::new")]
    checks: Vec<RawCheck<S>>,
    /// Free text about where the figures come from.
    #[serde(rename = "来源", default = "Option::default")]
    _source: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry<S> {
    #[serde(rename = "预算单位", default = "Option::default")]
    agency: Option<S>,
    #[serde(rename = "项目", default = "Option::default")]
    project: Option<S>,
    #[serde(rename = "名称", default = "Option::default")]
    name: Option<S>,
    #[serde(rename = "实际", default = "Option::default")]
    actual: Option<S>,
    #[serde(rename = "得分", default = "Option::default")]
    score: Option<S>,
    #[serde(rename = "得分率", default = "Option::default")]
    rate: Option<S>,
    #[serde(rename = "说明", default = "Option::default")]
    note: Option<S>,
    #[serde(rename = "计算", default = "Option::default")]
    formula: Option<S>,
    #[serde(rename = "基期", default = "Option::default")]
    baseline: Option<S>,
    #[serde(rename = "扣分", default = "Vec::new")]
    deductions: Vec<RawDeduction<S>>,
    #[serde(rename = "偏差原因", default = "Option::default")]
    reason: Option<S>,
    #[serde(rename = "偏差类别", default = "Option::default")]
    reason_category: Option<S>,
    #[serde(rename = "完成目标可能性", default = "Option::default")]
    likelihood: Option<S>,
    #[serde(rename = "全年预计", default = "Option::default")]
    forecast: Option<S>,
    #[serde(rename = "整改措施", default = "Option::default")]
    measures: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeduction<S> {
    #[serde(rename = "分值")]
    points: S,
    #[serde(rename = "原因", default = "Option::default")]
    reason: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject<S> {
    #[serde(rename = "预算单位", default = "Option::default")]
    agency: Option<S>,
    #[serde(rename = "名称", default = "Option::default")]
    name: Option<S>,
    #[serde(rename = "年初预算数", default = "Option::default")]
    initial: Option<S>,
    #[serde(rename = "全年预算数", default = "Option::default")]
    budget: Option<S>,
    #[serde(rename = "全年执行数", default = "Option::default")]
    spent: Option<S>,
    #[serde(rename = "执行率", default = "Option::default")]
    rate: Option<S>,
    #[serde(rename = "执行率得分", default = "Option::default")]
    execution_score: Option<S>,
    #[serde(rename = "得分", default = "Option::default")]
    score: Option<S>,
    #[serde(rename = "说明", default = "Option::default")]
    _note: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReported<S> {
    #[serde(rename = "名称", default = "Option::default")]
    name: Option<S>,
    #[serde(rename = "得分", default = "Option::default")]
    score: Option<S>,
    #[serde(rename = "得分率", default = "Option::default")]
    rate: Option<S>,
    /// A report may state the rate twice (text and table) with different figures.
    #[serde(rename = "另报得分率", default = "Option::default")]
    other_rate: Option<S>,
    #[serde(rename = "等次", default = "Option::default")]
    grade: Option<S>,
    #[serde(rename = "说明", default = "Option::default")]
    _note: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck<S> {
    #[serde(rename = "名称", default = "Option::default")]
    name: Option<S>,
    #[serde(rename = "公式", default = "Option::default")]
    formula: Option<S>,
    #[serde(rename = "报告值", default = "Option::default")]
    reported: Option<S>,
    #[serde(rename = "说明", default = "Option::default")]
    _note: Option<S>,
}

/// Turns a deserialized string into a `Field`.
trait Locate<S> {
    fn field(&mut self, s: S) -> Field;
}

fn opt<S>(loc: &mut impl Locate<S>, s: Option<S>) -> Option<Field> {
    s.map(|s| loc.field(s))
}

fn reported<S>(r: RawReported<S>, loc: &mut impl Locate<S>) -> Reported {
    Reported {
        name: opt(loc, r.name),
        score: opt(loc, r.score),
        rates: [r.rate, r.other_rate]
            .into_iter()
            .flatten()
            .map(|s| loc.field(s))
            .collect(),
        grade: opt(loc, r.grade),
    }
}

fn convert<S>(raw: RawFile<S>, loc: &mut impl Locate<S>) -> Actuals {
    let entries = raw
        .entries
        .into_iter()
        .map(|e| Entry {
            agency: opt(loc, e.agency),
            project: opt(loc, e.project),
            name: opt(loc, e.name),
            actual: opt(loc, e.actual),
            score: opt(loc, e.score),
            rates: e.rate.map(|s| loc.field(s)).into_iter().collect(),
            note: opt(loc, e.note),
            formula: opt(loc, e.formula),
            baseline: opt(loc, e.baseline),
            deductions: e
                .deductions
                .into_iter()
                .map(|d| Deduction {
                    points: loc.field(d.points),
                    reason: opt(loc, d.reason),
                })
                .collect(),
            monitoring: Explanation {
                reason: opt(loc, e.reason),
                category: opt(loc, e.reason_category),
                likelihood: opt(loc, e.likelihood),
                forecast: opt(loc, e.forecast),
                measures: opt(loc, e.measures),
            },
        })
        .collect();
    let projects = raw
        .projects
        .into_iter()
        .map(|p| ProjectFigures {
            agency: opt(loc, p.agency),
            name: opt(loc, p.name),
            initial: opt(loc, p.initial),
            budget: opt(loc, p.budget),
            spent: opt(loc, p.spent),
            rate: opt(loc, p.rate),
            execution_score: opt(loc, p.execution_score),
            score: opt(loc, p.score),
        })
        .collect();
    let groups = raw.groups.into_iter().map(|g| reported(g, loc)).collect();
    let total = raw.total.map(|t| reported(t, loc));
    let checks = raw
        .checks
        .into_iter()
        .map(|c| Check {
            name: opt(loc, c.name),
            formula: opt(loc, c.formula),
            reported: opt(loc, c.reported),
        })
        .collect();
    Actuals {
        entries,
        projects,
        groups,
        total,
        checks,
    }
}

// ---- TOML: spans come from the parser. ----

struct TomlSpans<'a> {
    text: &'a str,
}

impl Locate<toml::Spanned<String>> for TomlSpans<'_> {
    fn field(&mut self, s: toml::Spanned<String>) -> Field {
        let span = s.span();
        let value = s.into_inner();
        // The span covers the quotes; the value starts after the opening one when the text
        // between them is the value verbatim (no escapes), so value spans are exact.
        let inner = span.start.saturating_add(1)..span.end.saturating_sub(1);
        let exact = self.text.get(inner.clone()) == Some(value.as_str());
        let span = if exact {
            Span::new(inner.start, inner.end)
        } else {
            Span::new(span.start, span.end)
        };
        Field { text: value, span }
    }
}

pub(super) fn read_toml(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Actuals> {
    match toml::from_str::<RawFile<toml::Spanned<String>>>(text) {
        Ok(raw) => Some(convert(raw, &mut TomlSpans { text })),
        Err(error) => {
            let span = error
                .span()
                .map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
            let message = error.message().trim().to_owned();
            diagnostics.push(unreadable(
                span,
                format!("实际值文件无法读取：{message}"),
                FORMAT_HELP,
            ));
            None
        }
    }
}

// ---- JSON: serde_json keeps no spans, so each string is found in the text, in order. ----

struct JsonSpans<'a> {
    text: &'a str,
    cursor: usize,
}

impl Locate<String> for JsonSpans<'_> {
    fn field(&mut self, value: String) -> Field {
        let quoted = serde_json::to_string(&value).unwrap_or_default();
        let found = self
            .text
            .get(self.cursor..)
            .and_then(|rest| rest.find(&quoted).map(|i| i + self.cursor))
            .or_else(|| self.text.find(&quoted));
        let span = match found {
            Some(at) => {
                self.cursor = at + quoted.len();
                Span::new(at + 1, at + quoted.len() - 1)
            }
            None => Span::new(0, 0),
        };
        Field { text: value, span }
    }
}

pub(super) fn read_json(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Actuals> {
    match serde_json::from_str::<RawFile<String>>(text) {
        Ok(raw) => Some(convert(raw, &mut JsonSpans { text, cursor: 0 })),
        Err(error) => {
            let at = offset_of(text, error.line(), error.column());
            diagnostics.push(unreadable(
                Span::new(at, at),
                format!("实际值文件无法读取：{error}"),
                FORMAT_HELP,
            ));
            None
        }
    }
}

/// Byte offset of a 1-based line and byte column, on a character boundary.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
