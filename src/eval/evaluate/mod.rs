//! The evaluation: match the actuals to the spec's indicators, judge and score each, total the
//! groups and sections, grade them, and audit every figure the actuals say the report states.
//! `matching` pairs actuals with indicators, `item` judges and scores one indicator, `groups`
//! totals the 组 of a 部门整体 rubric, `projects` the 10号 sections of a project.

mod groups;
mod item;
mod matching;
mod projects;

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::actuals::{Actuals, Entry};
use super::result::Evaluation;
use super::score::{self, round};
use crate::diagnostic::Diagnostic;
use crate::model::scoring::{Reverse, Scoring, Settings};
use crate::model::{GradeScale, Spec, Target};

/// Choices a caller may force over the spec's `计分` line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub reverse: Option<Reverse>,
}

/// Evaluates a spec against its actuals. Never fails: problems are diagnostics.
pub fn evaluate(spec: &Spec, actuals: &Actuals, options: Options) -> Evaluation {
    let mut run = Run {
        actuals_diagnostics: Vec::new(),
        spec_diagnostics: Vec::new(),
        matched: HashMap::new(),
        options,
    };
    let index = Index::new(spec);
    let figures_by_name = Figures::new(actuals);
    run.match_entries(&index, actuals);
    run.spec_diagnostics.extend(crate::check::scoring(spec));
    let mut sections = Vec::new();
    for department in &spec.departments {
        let settings = department.settings.clone().unwrap_or_default();
        let scales: Vec<&GradeScale> = spec.scales.iter().chain(&department.scales).collect();
        if !department.groups.is_empty() {
            sections.push(run.department(department, &settings, &scales, actuals));
        }
        for agency in &department.agencies {
            for project in &agency.projects {
                let figures = figures_by_name.of(agency, project);
                let has_entries = project
                    .indicators
                    .iter()
                    .any(|i| run.matched.contains_key(&key(i)));
                if has_entries || figures.is_some() {
                    let mut visible = scales.clone();
                    visible.extend(&agency.scales);
                    visible.extend(&project.scales);
                    sections.push(run.project(project, &settings, &visible, figures));
                }
            }
        }
    }
    run.checks(actuals);
    run.unmatched_reports(spec, &index, actuals);
    crate::diagnostic::sort(&mut run.actuals_diagnostics);
    crate::diagnostic::sort(&mut run.spec_diagnostics);
    Evaluation {
        sections,
        spec_diagnostics: run.spec_diagnostics,
        actuals_diagnostics: run.actuals_diagnostics,
    }
}

/// The actuals entry each indicator is matched with (keyed by `key`), and the findings about
/// entries and project figures that name nothing in the spec: the matching `evaluate` does, for
/// `monitor`.
pub(crate) fn match_actuals<'a>(
    spec: &Spec,
    actuals: &'a Actuals,
) -> (HashMap<usize, &'a Entry>, Vec<Diagnostic>) {
    let mut run = Run {
        actuals_diagnostics: Vec::new(),
        spec_diagnostics: Vec::new(),
        matched: HashMap::new(),
        options: Options::default(),
    };
    let index = Index::new(spec);
    run.match_entries(&index, actuals);
    run.unmatched_reports(spec, &index, actuals);
    (run.matched, run.actuals_diagnostics)
}

pub(crate) use matching::{Figures, Index};

/// Indicators are matched by identity: the address of the model node.
pub(crate) fn key<T>(node: &T) -> usize {
    std::ptr::from_ref(node) as usize
}

struct Run<'a> {
    actuals_diagnostics: Vec<Diagnostic>,
    spec_diagnostics: Vec<Diagnostic>,
    matched: HashMap<usize, &'a Entry>,
    options: Options,
}

/// An indicator of either kind, as the evaluator sees it.
struct View<'a> {
    name: &'a str,
    target: &'a Target,
    scoring: Option<&'a Scoring>,
    node: usize,
}

/// What an indicator or a group adds to the one above it.
#[derive(Clone, Copy, Debug)]
struct Tally {
    weight: Decimal,
    /// The computed score of what could be scored.
    score: Decimal,
    /// Every indicator in it had what its rule needs; an incomplete score is shown but never
    /// held against a figure the report states.
    complete: bool,
    /// The score the report gives for it, where the report gives one for every part.
    reported: Option<Decimal>,
}

impl Tally {
    fn empty() -> Self {
        Tally {
            weight: Decimal::ZERO,
            score: Decimal::ZERO,
            complete: true,
            reported: Some(Decimal::ZERO),
        }
    }

    fn add(&mut self, part: Tally) {
        self.weight += part.weight;
        self.score += part.score;
        self.complete &= part.complete;
        self.reported = self
            .reported
            .zip(part.reported)
            .map(|(a, b)| a.saturating_add(b));
    }

    /// The computed score, if it can be compared with a stated one.
    fn computed(&self) -> Option<Decimal> {
        self.complete.then_some(self.score)
    }
}

impl Run<'_> {
    /// The decimals scores keep and the reverse formula: the command line overrides the spec.
    fn arithmetic(&self, settings: &Settings) -> (u32, Reverse) {
        let decimals = settings.decimals.unwrap_or(2);
        let reverse = self
            .options
            .reverse
            .or(settings.reverse)
            .unwrap_or_default();
        (decimals, reverse)
    }
}

fn rate(score: Decimal, weight: Decimal) -> Decimal {
    if weight.is_zero() {
        Decimal::new(0, 2)
    } else {
        let mut r = round(score::muldiv(score, Decimal::ONE_HUNDRED, weight), 2);
        r.rescale(2);
        r
    }
}

/// 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (财预〔2020〕10号), or the spec's own bands, on a
/// 100-point basis.
pub fn grade(settings: &Settings, score: Decimal, weight: Decimal) -> String {
    let basis = if weight.is_zero() || weight == Decimal::ONE_HUNDRED {
        score
    } else {
        score::muldiv(score, Decimal::ONE_HUNDRED, weight)
    };
    let default =
        [("优", 90), ("良", 80), ("中", 60)].map(|(g, p)| (g.to_owned(), Decimal::from(p)));
    let bands: &[(String, Decimal)] = if settings.grades.is_empty() {
        &default
    } else {
        &settings.grades
    };
    bands
        .iter()
        .find(|(_, low)| basis >= *low)
        .map_or_else(|| "差".to_owned(), |(g, _)| g.clone())
}
