//! `jixiao check`: parse, compile and lint every spec file, then report.

use std::path::PathBuf;

use super::files;
use super::{CheckOptions, FailOn, Format, Outcome, print};
use crate::diagnostic::Severity;
use crate::report::{concise, github, human, json, junit, sarif};
use crate::{Checked, check_source};

pub fn run(paths: &[PathBuf], options: &CheckOptions) -> Outcome {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let found = match files::discover(&paths) {
        Ok(found) => found,
        Err(message) => return Outcome::Failure(message),
    };
    if found.is_empty() {
        return Outcome::Failure("没有找到 *.jx 规格文件".to_owned());
    }
    let mut results = Vec::with_capacity(found.len());
    for path in &found {
        let (source, refused) = match files::read(path) {
            Ok(read) => read,
            Err(message) => return Outcome::Failure(message),
        };
        results.push(match refused {
            Some(diagnostic) => Checked {
                source,
                spec: crate::model::Spec::default(),
                diagnostics: vec![diagnostic],
            },
            None => check_source(source),
        });
    }
    let rendered = match options.format {
        Format::Human => human::render(
            &results,
            human::Style {
                color: options.color,
                width: 100,
            },
        ),
        Format::Concise => concise::render(&results),
        Format::Json => json::render(&results),
        Format::Sarif => sarif::render(&results),
        Format::Github => github::render(&results),
        Format::Junit => junit::render(&results),
    };
    print(&rendered);
    if let Some(path) = &options.step_summary
        && let Err(error) = files::append(path, &github::step_summary(&results))
    {
        return Outcome::Failure(format!("{}: {error}", path.display()));
    }
    let failed = results
        .iter()
        .flat_map(|c| &c.diagnostics)
        .any(|d| match options.fail_on {
            FailOn::Error => d.severity == Severity::Error,
            FailOn::Warning => matches!(d.severity, Severity::Error | Severity::Warning),
        });
    if failed && !options.exit_zero {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}
