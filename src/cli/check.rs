//! `jixiao check`: parse, compile and lint every spec file, then report.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::config::Resolver;
use super::{CheckOptions, FailOn, Format, Outcome, baseline, files, print};
use crate::config::Settings;
use crate::diagnostic::Severity;
use crate::report::{concise, github, human, json, junit, sarif};
use crate::{Checked, check_source_with};

pub fn run(paths: &[PathBuf], options: &CheckOptions) -> Outcome {
    let found = match files::discover_specs(paths) {
        Ok(found) => found,
        Err(message) => return Outcome::Failure(message),
    };
    let mut resolver = Resolver::new(options.config.clone());
    let mut jobs = Vec::with_capacity(found.len());
    for path in found {
        let loaded = match resolver.for_spec(&path) {
            Ok(loaded) => loaded,
            Err(message) => return Outcome::Failure(message),
        };
        if paths.contains(&path) || loaded.selects(&path) {
            jobs.push((path, loaded));
        }
    }
    // Files are independent: check them in parallel; `collect` keeps the sorted order.
    let results: Result<Vec<Checked>, String> = jobs
        .par_iter()
        .map(|(path, loaded)| check_file(path, &loaded.settings))
        .collect();
    let mut results = match results {
        Ok(results) => results,
        Err(message) => return Outcome::Failure(message),
    };
    if let Some(path) = &options.write_baseline {
        return match baseline::write(path, &results) {
            Ok(()) => {
                let count: usize = results.iter().map(|c| c.diagnostics.len()).sum();
                eprintln!("jixiao: 已把 {count} 个问题写入基线 {}", path.display());
                Outcome::Clean
            }
            Err(message) => Outcome::Failure(message),
        };
    }
    if let Some(path) = &options.baseline
        && let Err(message) = baseline::filter(path, &mut results)
    {
        return Outcome::Failure(message);
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

/// Reads and checks one file; too large or not UTF-8 is a finding, an I/O error a failure.
fn check_file(path: &Path, settings: &Settings) -> Result<Checked, String> {
    let (source, refused) = files::read(path)?;
    Ok(match refused {
        Some(diagnostic) => Checked {
            source,
            spec: crate::model::Spec::default(),
            diagnostics: vec![diagnostic],
        },
        None => check_source_with(source, settings),
    })
}
