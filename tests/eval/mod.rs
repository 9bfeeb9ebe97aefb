//! The evaluator: verdicts, every rule form, boundaries, unit conversion, the reverse variants,
//! the actuals formats, and the full reproduction and audit of the 2021 seed report.

mod exact;
mod files;
mod forms;
mod rubrics;
mod seed;
mod verdicts;

use jixiao::eval::{self, Evaluation, ItemRow, Row};
use jixiao::report::eval_table;
use jixiao::source::SourceFile;
use rust_decimal::Decimal;

/// Evaluates a spec against a TOML actuals text.
pub fn run(spec: &str, actuals: &str) -> Evaluation {
    run_as(spec, actuals, eval::Format::Toml, eval::Options::default())
}

pub fn run_as(
    spec: &str,
    actuals: &str,
    format: eval::Format,
    options: eval::Options,
) -> Evaluation {
    let checked = jixiao::check_source(SourceFile::new("spec.jx", spec));
    let source = SourceFile::new("actuals", actuals);
    let (read, diagnostics) = eval::actuals::read(&source, format);
    let mut evaluation = eval::evaluate(&checked.spec, &read, options);
    evaluation.actuals_diagnostics.extend(diagnostics);
    evaluation
}

/// A one-project spec around indicator lines.
pub fn project(body: &str) -> String {
    format!(
        "部门 \"示例部门\" 2023 {{\n  预算单位 \"示例单位\" {{\n    项目 \"示例项目\" {{\n{body}\n    }}\n  }}\n}}\n"
    )
}

/// A one-group department spec around indicator lines.
pub fn group(body: &str) -> String {
    format!("部门 \"示例部门\" 2021 {{\n  计分 保留3位小数\n  组 \"示例组\" {{\n{body}\n  }}\n}}\n")
}

/// TOML actuals: (name, actual) pairs.
pub fn actuals(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, actual)| {
            format!("[[\"指标\"]]\n\"名称\" = \"{name}\"\n\"实际\" = \"{actual}\"\n")
        })
        .collect()
}

pub fn item<'a>(evaluation: &'a Evaluation, name: &str) -> &'a ItemRow {
    evaluation
        .sections
        .iter()
        .flat_map(|s| &s.rows)
        .find_map(|row| match row {
            Row::Item(i) if i.name == name => Some(i),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no row {name}"))
}

pub fn score(evaluation: &Evaluation, name: &str) -> Decimal {
    item(evaluation, name)
        .score
        .unwrap_or_else(|| panic!("{name} has no score"))
}

pub fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// `code message` per finding, spec findings first.
pub fn findings(evaluation: &Evaluation) -> Vec<String> {
    evaluation
        .spec_diagnostics
        .iter()
        .chain(&evaluation.actuals_diagnostics)
        .map(|d| format!("{} {}", d.rule().name, d.message()))
        .collect()
}

pub fn table(evaluation: &Evaluation) -> String {
    eval_table::render(evaluation)
}

/// Snapshots live with the others, in tests/snapshots.
pub fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("eval__{name}"), value));
}
