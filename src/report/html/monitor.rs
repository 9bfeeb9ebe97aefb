//! `jixiao monitor --format html`: the 绩效运行监控表 of every project (lights as coloured
//! badges), the lights counted as bars, budget execution, and the findings.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Bar, FindingView, bar_width, finding_view, render};
use crate::eval::monitor::{Light, Monitoring, ProjectRow};
use crate::report::monitor_table::percent;
use crate::source::SourceFile;

#[derive(Serialize)]
struct MonitorReport<'a> {
    title: String,
    version: &'static str,
    as_of: String,
    months: Decimal,
    rule_text: &'a str,
    lights: Vec<Bar>,
    projects: Vec<ProjectView<'a>>,
    findings: Vec<FindingView<'a>>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct ProjectView<'a> {
    project: &'a ProjectRow,
    light: &'static str,
    rows: Vec<RowView>,
    execution: Option<String>,
    execution_light: Option<&'static str>,
}

/// An indicator row's figures as the page shows them.
#[derive(Serialize)]
struct RowView {
    light: &'static str,
    ratio: String,
    deviation: String,
}

const LIGHTS: [Light; 5] = [
    Light::Red,
    Light::Yellow,
    Light::Blue,
    Light::Green,
    Light::None,
];

pub fn monitor(monitoring: &Monitoring, spec: &SourceFile, actuals: &SourceFile) -> String {
    let rows = || monitoring.projects.iter().flat_map(|p| &p.indicators);
    let counts = LIGHTS.map(|light| rows().filter(|r| r.light == light).count());
    let most = counts.iter().copied().max().unwrap_or(1);
    let lights = LIGHTS
        .iter()
        .zip(counts)
        .map(|(light, count)| Bar {
            label: light.label().to_owned(),
            value: count.to_string(),
            width: bar_width(Decimal::from(count), Decimal::from(most)),
            color: Some(color(*light)),
        })
        .collect();
    let findings: Vec<FindingView> = (monitoring.spec_diagnostics.iter())
        .map(|d| finding_view(spec, d))
        .chain((monitoring.actuals_diagnostics.iter()).map(|d| finding_view(actuals, d)))
        .collect();
    let report = MonitorReport {
        title: format!("绩效运行监控：{}", spec.name),
        version: env!("CARGO_PKG_VERSION"),
        as_of: monitoring.as_of.label(),
        months: monitoring.months,
        rule_text: &monitoring.rule_text,
        lights,
        projects: monitoring.projects.iter().map(project_view).collect(),
        errors: super::count(&findings, "error"),
        warnings: super::count(&findings, "warning"),
        findings,
    };
    render("monitor.html", &report)
}

/// Each light's bar in its own colour (the badges' text colours).
fn color(light: Light) -> &'static str {
    match light {
        Light::Red => "#b3261e",
        Light::Yellow => "#d39b00",
        Light::Blue => "#1f4e8c",
        Light::Green => "#1e6b3a",
        Light::None => "#8a93a3",
    }
}

fn project_view(project: &ProjectRow) -> ProjectView<'_> {
    ProjectView {
        project,
        light: project.light.label(),
        rows: project
            .indicators
            .iter()
            .map(|row| RowView {
                light: row.light.label(),
                ratio: percent(row.ratio),
                deviation: percent(row.deviation),
            })
            .collect(),
        execution_light: project.execution.as_ref().map(|e| e.light.label()),
        execution: project.execution.as_ref().map(|e| {
            format!(
                "预算执行率 {}%，序时进度 {}%，完成比 {}%",
                e.rate, e.expected, e.ratio
            )
        }),
    }
}
