//! Pairing each actuals entry with the one indicator it names, and reporting every entry,
//! project figure, group report and check that names nothing in the spec. The spec's projects
//! and indicators are indexed by name once, so matching stays linear in the entries.

use std::collections::HashMap;

use super::{Run, key};
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::actuals::{self, Actuals, Field, ProjectFigures};
use crate::eval::audit::audit;
use crate::eval::formula;
use crate::model::scoring::Group;
use crate::model::{Agency, Project, Spec};

impl<'a> Run<'a> {
    pub(super) fn match_entries(&mut self, index: &Index<'_>, actuals: &'a Actuals) {
        for entry in &actuals.entries {
            let Some(name) = &entry.name else {
                let span = entry.actual.as_ref().map_or(Default::default(), |f| f.span);
                self.actuals_diagnostics
                    .push(unknown(span, "这一条没有写 `名称`".to_owned()));
                continue;
            };
            let found = match &entry.project {
                Some(project) => find_in_project(index, entry.agency.as_ref(), project, &name.text),
                None => find_anywhere(index, &name.text),
            };
            match found {
                Ok(node) => {
                    if self.matched.insert(node, entry).is_some() {
                        self.actuals_diagnostics.push(
                            Diagnostic::new(Code::DuplicateActual, name.span)
                                .arg("name", &name.text),
                        );
                    }
                }
                Err(detail) => self.actuals_diagnostics.push(unknown(name.span, detail)),
            }
        }
    }

    /// Project figures and group reports must name a project or group of the spec.
    pub(super) fn unmatched_reports(&mut self, spec: &Spec, index: &Index<'_>, actuals: &Actuals) {
        for figures in &actuals.projects {
            let Some(name) = &figures.name else { continue };
            let known = index.projects.get(name.text.trim()).is_some_and(|found| {
                found.iter().any(|(a, _)| {
                    figures
                        .agency
                        .as_ref()
                        .is_none_or(|f| a.name == f.text.trim())
                })
            });
            if !known {
                self.actuals_diagnostics.push(unknown(
                    name.span,
                    format!("规格中没有项目「{}」", name.text),
                ));
            }
        }
        let groups: Vec<&str> = (spec.departments.iter())
            .flat_map(|d| &d.groups)
            .flat_map(Group::groups)
            .map(|g| g.name.as_str())
            .collect();
        for reported in &actuals.groups {
            let Some(name) = &reported.name else { continue };
            if !groups.contains(&name.text.trim()) {
                self.actuals_diagnostics
                    .push(unknown(name.span, format!("规格中没有组「{}」", name.text)));
            }
        }
    }

    /// `核对`: every other figure the report states, with the arithmetic that should give it.
    pub(super) fn checks(&mut self, actuals: &Actuals) {
        for check in &actuals.checks {
            let (Some(formula_field), Some(reported)) = (&check.formula, &check.reported) else {
                let span = check.name.as_ref().map_or(Default::default(), |f| f.span);
                self.actuals_diagnostics.push(actuals::unreadable(
                    span,
                    "核对项要写 `公式` 和 `报告值`",
                    "如 `{ 名称 = \"…\", 公式 = \"21407.08 / 21495.69\", 报告值 = \"99.59%\" }`",
                ));
                continue;
            };
            match formula::evaluate(&formula_field.text) {
                Ok(value) => {
                    let what = check
                        .name
                        .as_ref()
                        .map_or("核对项".to_owned(), |f| format!("「{}」", f.text));
                    let how = format!("算式 {}", formula_field.text.trim());
                    if let Some(d) = audit(reported, value, &what, &how) {
                        self.actuals_diagnostics.push(d);
                    }
                }
                Err(reason) => self.actuals_diagnostics.push(actuals::unreadable(
                    formula_field.span,
                    format!("算式无法计算：{reason}"),
                    "只用数字、+ − × ÷、括号和 |绝对值|",
                )),
            }
        }
    }
}

pub(super) fn unknown(span: crate::source::Span, detail: String) -> Diagnostic {
    Diagnostic::new(Code::UnknownActual, span)
        .arg("detail", detail)
        .arg(
            "help_detail",
            "核对名称与规格中的写法（包括项目名）；同名项目请加写 `预算单位`",
        )
}

/// The spec's projects and indicators by name.
pub(crate) struct Index<'s> {
    projects: HashMap<&'s str, Vec<(&'s Agency, &'s Project)>>,
    /// Every indicator by name: those of the scored groups first, then the projects'.
    anywhere: HashMap<&'s str, Vec<usize>>,
}

impl<'s> Index<'s> {
    pub(crate) fn new(spec: &'s Spec) -> Self {
        let mut projects: HashMap<&str, Vec<(&Agency, &Project)>> = HashMap::new();
        for (agency, project) in spec.projects() {
            projects
                .entry(project.name.as_str())
                .or_default()
                .push((agency, project));
        }
        let mut anywhere: HashMap<&str, Vec<usize>> = HashMap::new();
        for department in &spec.departments {
            for group in &department.groups {
                for indicator in group.indicators() {
                    anywhere
                        .entry(indicator.name.as_str())
                        .or_default()
                        .push(key(indicator));
                }
            }
        }
        for (_, indicator) in spec.indicators() {
            anywhere
                .entry(indicator.name.as_str())
                .or_default()
                .push(key(indicator));
        }
        Index { projects, anywhere }
    }
}

pub(super) fn find_in_project(
    index: &Index<'_>,
    agency: Option<&Field>,
    project: &Field,
    name: &str,
) -> Result<usize, String> {
    let projects: Vec<&Project> = index
        .projects
        .get(project.text.trim())
        .into_iter()
        .flatten()
        .filter(|(a, _)| agency.is_none_or(|f| a.name == f.text.trim()))
        .map(|(_, p)| *p)
        .collect();
    match projects.as_slice() {
        [] => Err(format!("规格中没有项目「{}」", project.text)),
        [p] => p
            .indicators
            .iter()
            .find(|i| i.name == name.trim())
            .map(key)
            .ok_or_else(|| format!("项目「{}」中没有指标「{name}」", p.name)),
        _ => Err(format!(
            "规格中有 {} 个名为「{}」的项目",
            projects.len(),
            project.text
        )),
    }
}

pub(super) fn find_anywhere(index: &Index<'_>, name: &str) -> Result<usize, String> {
    let found = index
        .anywhere
        .get(name.trim())
        .map_or(&[][..], Vec::as_slice);
    match found {
        [] => Err(format!("规格中没有指标「{name}」")),
        [one] => Ok(*one),
        _ => Err(format!(
            "规格中有 {} 条名为「{name}」的指标：请写明 `项目`",
            found.len()
        )),
    }
}

/// The actuals' project figures by project name.
pub(crate) struct Figures<'a> {
    by_name: HashMap<&'a str, Vec<&'a ProjectFigures>>,
}

impl<'a> Figures<'a> {
    pub(crate) fn new(actuals: &'a Actuals) -> Self {
        let mut by_name: HashMap<&str, Vec<&ProjectFigures>> = HashMap::new();
        for figures in &actuals.projects {
            if let Some(name) = &figures.name {
                by_name.entry(name.text.trim()).or_default().push(figures);
            }
        }
        Figures { by_name }
    }

    /// The first figures naming this project (and its budget unit, if they name one).
    pub(crate) fn of(&self, agency: &Agency, project: &Project) -> Option<&'a ProjectFigures> {
        self.by_name
            .get(project.name.as_str())?
            .iter()
            .find(|f| {
                f.agency
                    .as_ref()
                    .is_none_or(|a| a.text.trim() == agency.name)
            })
            .copied()
    }
}
