//! In-year monitoring (`jixiao monitor`): every light at and around its edges, months 1 and 12,
//! each row kind, the execution light, the explanations, target adjustment, and the outputs.

mod explain;
mod lights;
mod outputs;

use jixiao::eval::monitor::{self, AsOf, IndicatorRow, Light, Monitoring, ProjectRow, Rules};
use jixiao::eval::{self};
use jixiao::source::SourceFile;

/// A one-project 2023 spec around indicator lines (as `eval`'s tests write them).
pub fn project(body: &str) -> String {
    super::eval::project(body)
}

/// Monitors a spec with TOML actuals at the end of `month` 2023, with the default rules.
pub fn run(spec: &str, actuals: &str, month: u32) -> Monitoring {
    run_with(
        spec,
        actuals,
        AsOf::end_of(Some(2023), month).unwrap(),
        Rules::default(),
    )
}

pub fn run_with(spec: &str, actuals: &str, as_of: AsOf, rules: Rules) -> Monitoring {
    run_as(spec, actuals, eval::Format::Toml, as_of, rules)
}

pub fn run_as(
    spec: &str,
    actuals: &str,
    format: eval::Format,
    as_of: AsOf,
    rules: Rules,
) -> Monitoring {
    let checked = jixiao::check_source(SourceFile::new("spec.jx", spec));
    let (read, diagnostics) = eval::actuals::read(&SourceFile::new("actuals", actuals), format);
    let mut monitoring = monitor::monitor(&checked.spec, &read, &monitor::Options { as_of, rules });
    monitoring.actuals_diagnostics.extend(diagnostics);
    monitoring
}

/// TOML actuals entries: (name, actual, extra `"key" = "value"` lines).
pub fn entry(name: &str, actual: &str, extra: &[(&str, &str)]) -> String {
    let mut out = format!("[[\"指标\"]]\n\"名称\" = \"{name}\"\n\"实际\" = \"{actual}\"\n");
    for (key, value) in extra {
        out.push_str(&format!("\"{key}\" = \"{value}\"\n"));
    }
    out
}

pub fn row<'a>(monitoring: &'a Monitoring, name: &str) -> &'a IndicatorRow {
    monitoring
        .rows()
        .find(|(_, r)| r.name == name)
        .map(|(_, r)| r)
        .unwrap_or_else(|| panic!("no row {name}"))
}

pub fn only_project(monitoring: &Monitoring) -> &ProjectRow {
    assert_eq!(monitoring.projects.len(), 1);
    &monitoring.projects[0]
}

/// The light of a single-indicator spec `line` with actual `actual` at the end of `month`.
pub fn light_of(line: &str, actual: &str, month: u32) -> Light {
    let m = run(&project(line), &entry(name_of(line), actual, &[]), month);
    row(&m, name_of(line)).light
}

/// The indicator name of a spec line `类别 名称 目标`.
pub fn name_of(line: &str) -> &str {
    line.split_whitespace().nth(1).unwrap()
}

/// `rule-name message` of every finding, spec first.
pub fn findings(monitoring: &Monitoring) -> Vec<String> {
    monitoring
        .spec_diagnostics
        .iter()
        .chain(&monitoring.actuals_diagnostics)
        .map(|d| format!("{} {}", d.rule().name, d.message()))
        .collect()
}

pub fn codes(monitoring: &Monitoring) -> Vec<&'static str> {
    monitoring
        .spec_diagnostics
        .iter()
        .chain(&monitoring.actuals_diagnostics)
        .map(|d| d.rule().name)
        .collect()
}
