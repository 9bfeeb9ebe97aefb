//! `jixiao check`: parse, compile and lint every spec file, then report.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::config::Resolver;
use super::progress::Progress;
use super::{CheckOptions, FailOn, Format, Outcome, baseline, emit, files};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::stream::{self, FileByFile, PerFile};
use crate::report::{Summary, concise, github, html, human, json, junit, review, sarif};
use crate::{Checked, check_source_with};

pub fn run(paths: &[PathBuf], options: &CheckOptions) -> Outcome {
    let annotate = match &options.annotate {
        Some(out) => match super::annotate::check_input(paths, out) {
            Ok(input) => Some((input, out)),
            Err(message) => return Outcome::Failure(message),
        },
        None => None,
    };
    let found = match files::discover_checkable(paths) {
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
    let mut known = match &options.baseline {
        Some(path) => match baseline::load(path) {
            Ok(known) => Some(known),
            Err(message) => return Outcome::Failure(message),
        },
        None => None,
    };
    let streamed = file_by_file(options)
        .filter(|_| options.write_baseline.is_none())
        .filter(|_| options.step_summary.is_none() && annotate.is_none());
    if let Some(report) = streamed {
        return stream(&jobs, report, options, known.as_mut());
    }
    let mut results = match check_all(&jobs) {
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
    if let Some(known) = known.as_mut() {
        baseline::filter(known, &mut results);
    }
    if let Some((input, out)) = annotate
        && let Err(message) = super::annotate::check(input, &results, out)
    {
        return Outcome::Failure(message);
    }
    let rendered = match (file_by_file(options), options.format) {
        (Some(report), _) => stream::whole(report, &results),
        (None, Format::Review) => review::render(&results),
        (None, Format::ReviewHtml) => html::review(&results),
        (None, _) => html::check(&results),
    };
    if let Err(message) = emit(&rendered, options.output.as_deref()) {
        return Outcome::Failure(message);
    }
    if let Some(path) = &options.step_summary
        && let Err(error) = files::append(path, &github::step_summary(&results))
    {
        return Outcome::Failure(format!("{}: {error}", path.display()));
    }
    let mut findings = results.iter().flat_map(|c| &c.diagnostics);
    verdict(findings.any(|d| fails(d, options)), options)
}

/// Files are independent: they are checked in parallel; `collect` keeps the sorted order.
fn check_all(
    jobs: &[(PathBuf, std::sync::Arc<super::config::Loaded>)],
) -> Result<Vec<Checked>, String> {
    jobs.par_iter()
        .map(|(path, loaded)| check_file(path, &loaded.settings))
        .collect()
}

/// How many files are checked at once when results are printed as they come: enough to keep
/// every thread busy, few enough that memory stays flat however many files there are.
fn window() -> usize {
    rayon::current_num_threads() * 8
}

/// The report of a format that is written a file at a time; `None` for the formats that need
/// the whole run at once (the HTML pages and the review list, sorted by rule).
fn file_by_file(options: &CheckOptions) -> Option<Box<dyn FileByFile + '_>> {
    Some(match options.format {
        Format::Human | Format::Concise => Box::new(PerFile(|c: &Checked| per_file(c, options))),
        Format::Json => Box::<json::Stream>::default(),
        Format::Sarif => Box::<sarif::Stream>::default(),
        Format::Github => Box::<github::Stream>::default(),
        Format::Junit => Box::<junit::Stream>::default(),
        Format::Html | Format::Review | Format::ReviewHtml => return None,
    })
}

/// Each window of files is checked in parallel, written in file order and dropped, so memory
/// does not grow with the number of files; only the counts (and what a format must hold to
/// keep its order) are kept.
fn stream(
    jobs: &[(PathBuf, std::sync::Arc<super::config::Loaded>)],
    mut report: Box<dyn FileByFile + '_>,
    options: &CheckOptions,
    mut known: Option<&mut baseline::Known>,
) -> Outcome {
    let mut out = match Sink::open(options.output.as_deref()) {
        Ok(out) => out,
        Err(message) => return Outcome::Failure(message),
    };
    let mut summary = Summary::default();
    let mut failed = false;
    let mut progress = Progress::files(jobs.len());
    for window in jobs.chunks(window()) {
        let mut results = match check_all(window) {
            Ok(results) => results,
            Err(message) => return Outcome::Failure(message),
        };
        if let Some(known) = known.as_deref_mut() {
            baseline::filter(known, &mut results);
        }
        let text: String = results.iter().map(|c| report.file(c)).collect();
        if let Err(message) = progress.suspend(|| out.write(&text)) {
            return Outcome::Failure(message);
        }
        progress.advance(window.len());
        summary.add(&Summary::of(&results));
        failed |= results
            .iter()
            .flat_map(|c| &c.diagnostics)
            .any(|d| fails(d, options));
    }
    progress.finish();
    if let Err(message) = out
        .write(&report.finish(&summary))
        .and_then(|()| out.finish())
    {
        return Outcome::Failure(message);
    }
    verdict(failed, options)
}

/// One file's findings in a per-file format.
fn per_file(checked: &Checked, options: &CheckOptions) -> String {
    match options.format {
        Format::Concise => concise::lines(&checked.source, &checked.diagnostics),
        _ => human::render_file(
            &checked.source,
            &checked.diagnostics,
            human::Style {
                color: options.color,
                width: 100,
            },
        ),
    }
}

/// Where streamed output goes: standard output, or a file renamed into place at the end.
enum Sink {
    Stdout,
    File(files::AtomicFile),
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink, String> {
        Ok(match path {
            Some(path) => Sink::File(files::AtomicFile::create(path)?),
            None => Sink::Stdout,
        })
    }

    fn write(&mut self, text: &str) -> Result<(), String> {
        match self {
            Sink::Stdout => {
                super::print(text);
                Ok(())
            }
            Sink::File(file) => file.write(text.as_bytes()),
        }
    }

    fn finish(self) -> Result<(), String> {
        match self {
            Sink::Stdout => Ok(()),
            Sink::File(file) => file.commit(),
        }
    }
}

fn fails(d: &Diagnostic, options: &CheckOptions) -> bool {
    match options.fail_on {
        FailOn::Error => d.severity == Severity::Error,
        FailOn::Warning => matches!(d.severity, Severity::Error | Severity::Warning),
    }
}

fn verdict(failed: bool, options: &CheckOptions) -> Outcome {
    if failed && !options.exit_zero {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// A workbook or document is imported in memory and its spec checked: each indicator line of
/// that spec ends with the cell it came from (`# Sheet1!E14`, `表1!C5`), and the import's own
/// findings come first.
fn check_table(path: &Path, settings: &Settings) -> Result<Checked, String> {
    let (source, imported) = super::import::read(path, &crate::import::Columns::default())?;
    let imported = match imported {
        Ok(imported) => imported,
        Err(diagnostic) => {
            return Ok(Checked {
                source,
                spec: crate::model::Spec::default(),
                diagnostics: vec![*diagnostic],
            });
        }
    };
    let name = source.name.clone();
    let mut checked = check_source_with(
        crate::source::SourceFile::new(name, imported.spec),
        settings,
    );
    for diagnostic in &mut checked.diagnostics {
        place_in_table(diagnostic, &checked.source.text, &imported.places);
    }
    let mut diagnostics = imported.diagnostics;
    // The findings are shown against the spec; a PDF's are about lines of its text, which the
    // place in each message names.
    if !source.text.is_empty() {
        for diagnostic in &mut diagnostics {
            diagnostic.span = crate::source::Span::default();
        }
    }
    diagnostics.append(&mut checked.diagnostics);
    checked.diagnostics = diagnostics;
    Ok(checked)
}

/// A finding on an indicator line names the workbook cell the indicator came from; any other
/// (a project's, a unit's) names the sheet of the indicators around it, since the spec's lines
/// are nowhere in the user's file.
fn place_in_table(diagnostic: &mut Diagnostic, spec: &str, places: &[(usize, String)]) {
    let at = diagnostic.span.start.min(spec.len());
    let line_start = spec[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = places.iter().rev().find(|(start, _)| *start <= at);
    if let Some((start, place)) = before
        && *start >= line_start
    {
        let span = crate::source::Span::new(*start, *start);
        *diagnostic = diagnostic
            .clone()
            .label(span, format!("表中位置 {place}"))
            .in_cell(place.clone());
    } else if let Some((_, place)) = before.or_else(|| places.first()) {
        let sheet = place
            .split_once('!')
            .map_or(place.as_str(), |(sheet, _)| sheet);
        *diagnostic = diagnostic.clone().in_cell(sheet.to_owned());
    }
}

/// Reads and checks one file; too large or not UTF-8 is a finding, an I/O error a failure.
fn check_file(path: &Path, settings: &Settings) -> Result<Checked, String> {
    if files::is_table(path) {
        return check_table(path, settings);
    }
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
