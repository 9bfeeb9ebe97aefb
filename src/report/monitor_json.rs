//! `jixiao monitor --format json`: the monitoring as computed (decimals as strings, exact), with
//! every finding in the shape of `jixiao check --format json`. Every indicator object carries
//! `name`, `light`, `standard`, `actual`, `ratio`, `deviation`; every project object `name`,
//! `light` and `execution`. Fields are only ever added.

use serde::Serialize;

use super::json::{Finding, finding};
use crate::eval::monitor::{Monitoring, ProjectRow};
use crate::source::SourceFile;

#[derive(Serialize)]
struct Output<'a> {
    as_of: String,
    months: rust_decimal::Decimal,
    rules: &'a crate::eval::monitor::Rules,
    rule_text: &'a str,
    projects: &'a [ProjectRow],
    any_red: bool,
    findings: Vec<Finding<'a>>,
}

pub fn render(monitoring: &Monitoring, spec: &SourceFile, actuals: &SourceFile) -> String {
    let findings = monitoring
        .spec_diagnostics
        .iter()
        .map(|d| finding(spec, d))
        .chain(
            monitoring
                .actuals_diagnostics
                .iter()
                .map(|d| finding(actuals, d)),
        )
        .collect();
    let as_of = match monitoring.as_of.year {
        Some(y) => format!(
            "{y:04}-{:02}-{:02}",
            monitoring.as_of.month, monitoring.as_of.day
        ),
        None => format!("{:02}-{:02}", monitoring.as_of.month, monitoring.as_of.day),
    };
    let output = Output {
        as_of,
        months: monitoring.months,
        rules: &monitoring.rules,
        rule_text: &monitoring.rule_text,
        projects: &monitoring.projects,
        any_red: monitoring.any_red(),
        findings,
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
