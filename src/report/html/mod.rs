//! Self-contained HTML reports (`--format html`): one file with its styles and SVG charts inline,
//! no script and no network access (its Content-Security-Policy forbids any), readable on a phone
//! and printable to A4. The pages are minijinja templates beside this file, auto-escaped, so the
//! markup lives in markup and a designer can change it without touching Rust; this module only
//! prepares the data, from the same finding and section types the JSON output serializes.

mod monitor;
mod review;

use std::collections::BTreeMap;

use minijinja::Environment;
use rust_decimal::Decimal;
use serde::Serialize;

use super::json::{Finding, finding};
use crate::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::{Evaluation, Row, Section, Verdict};
use crate::source::SourceFile;

pub use monitor::monitor;
pub use review::review;

/// `jixiao check --format html`: an overview of every file, counts by rule, then each file's
/// findings grouped by the project (or group) they fall in.
pub fn check(results: &[Checked]) -> String {
    let files: Vec<FileView> = results
        .iter()
        .enumerate()
        .map(|(i, c)| file_view(i, c))
        .collect();
    let mut rules: BTreeMap<&'static str, RuleCount> = BTreeMap::new();
    for d in results.iter().flat_map(|c| &c.diagnostics) {
        let rule = d.rule();
        rules
            .entry(rule.id)
            .or_insert_with(|| RuleCount {
                code: rule.id,
                name: rule.name,
                title: rule.title,
                count: 0,
                label: String::new(),
                value: String::new(),
                width: Decimal::ZERO,
            })
            .count += 1;
    }
    let mut rules: Vec<RuleCount> = rules.into_values().collect();
    let most = rules.iter().map(|r| r.count).max().unwrap_or(1);
    for rule in &mut rules {
        rule.label = rule.code.to_owned();
        rule.value = rule.count.to_string();
        rule.width = bar_width(Decimal::from(rule.count), Decimal::from(most));
    }
    let report = CheckReport {
        title: "绩效目标检查报告",
        version: env!("CARGO_PKG_VERSION"),
        indicators: files.iter().map(|f| f.indicators).sum(),
        errors: files.iter().map(|f| f.errors).sum(),
        warnings: files.iter().map(|f| f.warnings).sum(),
        files,
        rules,
    };
    render("check.html", &report)
}

/// `jixiao eval --format html`: each section's score, grade and group bars, every indicator,
/// and the audit's findings.
pub fn eval(evaluation: &Evaluation, spec: &SourceFile, actuals: &SourceFile) -> String {
    let items = || {
        evaluation
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .filter_map(|r| match r {
                Row::Item(i) => Some(i),
                Row::Group(_) => None,
            })
    };
    let verdicts = [
        ("met", "达成"),
        ("not_met", "未达成"),
        ("missing", "缺实际值"),
        ("unmeasurable", "无法判断"),
    ]
    .map(|(key, label)| VerdictCount {
        key,
        label,
        count: items().filter(|i| verdict_key(&i.verdict) == key).count(),
    });
    let findings: Vec<FindingView> = (evaluation.spec_diagnostics.iter())
        .map(|d| finding_view(spec, d))
        .chain((evaluation.actuals_diagnostics.iter()).map(|d| finding_view(actuals, d)))
        .collect();
    let report = EvalReport {
        title: format!("绩效自评：{}", spec.name),
        version: env!("CARGO_PKG_VERSION"),
        errors: count(&findings, "error"),
        warnings: count(&findings, "warning"),
        verdicts: verdicts.to_vec(),
        verdict_labels: verdicts.iter().map(|v| (v.key, v.label)).collect(),
        sections: evaluation.sections.iter().map(section_view).collect(),
        findings,
    };
    render("eval.html", &report)
}

fn render(name: &str, context: &impl Serialize) -> String {
    let mut env = Environment::new();
    let templates = [
        ("base.html", include_str!("base.html")),
        ("bars.html", include_str!("bars.html")),
        ("check.html", include_str!("check.html")),
        ("eval.html", include_str!("eval.html")),
        ("findings.html", include_str!("findings.html")),
        ("monitor.html", include_str!("monitor.html")),
        ("review.html", include_str!("review.html")),
    ];
    for (template, source) in templates {
        if let Err(error) = env.add_template(template, source) {
            return failure(&error);
        }
    }
    env.get_template(name)
        .and_then(|t| t.render(minijinja::value::Serde(context)))
        .unwrap_or_else(|error| failure(&error))
}

/// The templates are part of the binary and tested; should one ever fail, the page says so
/// rather than the run ending in a panic.
fn failure(error: &minijinja::Error) -> String {
    format!("<!DOCTYPE html><meta charset=\"utf-8\"><p>报告模板出错：{error}</p>\n")
}

#[derive(Serialize)]
struct CheckReport<'a> {
    title: &'static str,
    version: &'static str,
    indicators: usize,
    errors: usize,
    warnings: usize,
    files: Vec<FileView<'a>>,
    rules: Vec<RuleCount>,
}

#[derive(Serialize)]
struct FileView<'a> {
    id: String,
    name: &'a str,
    indicators: usize,
    errors: usize,
    warnings: usize,
    /// The worst grade of the file's projects (as `--format review` grades them).
    grade: Option<&'static str>,
    /// How many projects got each grade, `优 1 · 差 2`.
    grades: String,
    places: Vec<Place<'a>>,
}

/// The project or group a file's findings fall in, by name.
#[derive(Serialize)]
struct Place<'a> {
    name: String,
    findings: Vec<FindingView<'a>>,
}

#[derive(Serialize)]
struct FindingView<'a> {
    finding: Finding<'a>,
    severity_label: &'static str,
    /// The source line the finding starts on, as written.
    source_line: String,
}

#[derive(Serialize)]
struct RuleCount {
    code: &'static str,
    name: &'static str,
    title: &'static str,
    count: usize,
    label: String,
    value: String,
    width: Decimal,
}

#[derive(Serialize)]
struct EvalReport<'a> {
    title: String,
    version: &'static str,
    errors: usize,
    warnings: usize,
    verdicts: Vec<VerdictCount>,
    verdict_labels: BTreeMap<&'static str, &'static str>,
    sections: Vec<SectionView>,
    findings: Vec<FindingView<'a>>,
}

#[derive(Clone, Copy, Serialize)]
struct VerdictCount {
    key: &'static str,
    label: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct SectionView {
    section: Section,
    bars: Vec<Bar>,
}

#[derive(Serialize)]
struct Bar {
    label: String,
    value: String,
    width: Decimal,
    /// The bar's colour; the chart's blue when `None`.
    color: Option<&'static str>,
}

fn file_view(index: usize, checked: &Checked) -> FileView<'_> {
    let mut places: Vec<Place> = Vec::new();
    for d in &checked.diagnostics {
        let path = checked.spec.path_at(d.span.start);
        let name = if path.is_empty() {
            "文件".to_owned()
        } else {
            path.join(" / ")
        };
        let view = finding_view(&checked.source, d);
        match places.iter_mut().find(|p| p.name == name) {
            Some(place) => place.findings.push(view),
            None => places.push(Place {
                name,
                findings: vec![view],
            }),
        }
    }
    let severity = |s: Severity| {
        checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let reviewed = crate::report::review::review(checked);
    let graded: Vec<&'static str> = (reviewed.projects.iter())
        .filter(|p| !p.classified)
        .map(|p| p.grade)
        .collect();
    let grades = review::GRADES
        .iter()
        .map(|g| (g, graded.iter().filter(|p| *p == g).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(g, n)| format!("{g} {n}"))
        .collect::<Vec<_>>()
        .join(" · ");
    FileView {
        grade: crate::report::review::worst(graded.iter().copied()),
        grades,
        id: format!("f{}", index + 1),
        name: &checked.source.name,
        indicators: checked.spec.all_indicators().count(),
        errors: severity(Severity::Error),
        warnings: severity(Severity::Warning),
        places,
    }
}

fn finding_view<'a>(source: &'a SourceFile, d: &'a Diagnostic) -> FindingView<'a> {
    let found = finding(source, d);
    let line = source.line_index(d.span.start);
    let start = source.line_start(line);
    let end = source.text[start..]
        .find(['\n', '\r'])
        .map_or(source.text.len(), |i| start + i);
    FindingView {
        severity_label: match d.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        },
        source_line: source.text.get(start..end).unwrap_or("").to_owned(),
        finding: found,
    }
}

fn section_view(section: &Section) -> SectionView {
    let bars = section
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Group(g) if g.depth == 0 => Some(Bar {
                label: g.name.clone(),
                value: format!("{}/{}", g.score.normalize(), g.weight.normalize()),
                width: bar_width(g.score, g.weight),
                color: None,
            }),
            _ => None,
        })
        .collect();
    SectionView {
        section: section.clone(),
        bars,
    }
}

/// The width of a bar on a 340-unit track: `value / of` of it, within [0, 340].
fn bar_width(value: Decimal, of: Decimal) -> Decimal {
    if of <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let width = value
        .checked_mul(Decimal::from(340))
        .and_then(|v| v.checked_div(of));
    width
        .unwrap_or(Decimal::ZERO)
        .clamp(Decimal::ZERO, Decimal::from(340))
        .round_dp(1)
}

fn verdict_key(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Met => "met",
        Verdict::NotMet { .. } => "not_met",
        Verdict::Missing => "missing",
        Verdict::Unmeasurable { .. } => "unmeasurable",
    }
}

fn count(findings: &[FindingView<'_>], severity: &str) -> usize {
    findings
        .iter()
        .filter(|f| f.finding.severity == severity)
        .count()
}
