//! `jixiao check`: parse, compile and lint every spec file, then report.

use std::path::PathBuf;

use super::files;
use super::{Format, Outcome, print};
use crate::diagnostic::Severity;
use crate::report::{concise, human, json};
use crate::{Checked, check_source};

pub fn run(paths: &[PathBuf], format: Format, color: bool) -> Outcome {
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
    let rendered = match format {
        Format::Human => human::render(&results, human::Style { color, width: 100 }),
        Format::Concise => concise::render(&results),
        Format::Json => json::render(&results),
    };
    print(&rendered);
    let failed = results
        .iter()
        .flat_map(|c| &c.diagnostics)
        .any(|d| d.severity == Severity::Error);
    if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}
