//! The typed, normalized model: exact decimals, units with dimensions, targets with one meaning.
//! No floats, no I/O.

pub mod category;
mod describe;
mod lower;
pub mod measure;
pub mod polarity;
pub mod quantity;
pub mod scoring;
pub mod spec;
pub mod target;
pub mod value;
mod vocabulary;
pub mod words;

pub use category::{Category, Level1, Level2};
pub use quantity::Quantity;
pub use spec::{Agency, Amount, Budget, Department, Fund, Indicator, Project, Spec};
pub use target::{Clause, Comparison, Condition, GradeScale, Meaning, Polarity, Target};

use crate::source::Span;

use crate::config::Vocabulary;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::Ast;

/// Compiles a syntax tree into the model, with the problems found on the way.
pub fn compile(ast: &Ast) -> (Spec, Vec<Diagnostic>) {
    compile_with(ast, &Vocabulary::default())
}

/// Compiles with an organisation's extra units and grade scales (from `jixiao.toml`).
pub fn compile_with(ast: &Ast, configured: &Vocabulary) -> (Spec, Vec<Diagnostic>) {
    let mut lowerer = lower::Lowerer {
        diagnostics: Vec::new(),
        configured_scales: vocabulary::scales(configured),
    };
    let mut spec = lowerer.spec(ast);
    vocabulary::apply_units(&mut spec, &configured.units);
    (spec, lowerer.diagnostics)
}

impl Spec {
    /// Every project with its budget unit.
    pub fn projects(&self) -> impl Iterator<Item = (&Agency, &Project)> {
        self.departments
            .iter()
            .flat_map(|d| &d.agencies)
            .flat_map(|a| a.projects.iter().map(move |p| (a, p)))
    }

    /// Every indicator with its project.
    pub fn indicators(&self) -> impl Iterator<Item = (&Project, &Indicator)> {
        self.projects()
            .flat_map(|(_, p)| p.indicators.iter().map(move |i| (p, i)))
    }

    /// Every indicator wherever it is written: the projects' first, then those in the scored
    /// groups (组) of each department's rubric. The target lints read them all.
    pub fn all_indicators(&self) -> impl Iterator<Item = IndicatorRef<'_>> {
        let in_projects = self.indicators().map(|(p, i)| IndicatorRef {
            owner: &p.name,
            name: &i.name,
            category: Some(&i.category),
            target: &i.target,
            span: i.span,
            name_span: i.name_span,
        });
        let in_groups = (self.departments.iter())
            .flat_map(|d| &d.groups)
            .flat_map(|g| g.indicators_with_group())
            .map(|(g, i)| IndicatorRef {
                owner: &g.name,
                name: &i.name,
                category: i.category.as_ref(),
                target: &i.target,
                span: i.span,
                name_span: i.name_span,
            });
        in_projects.chain(in_groups)
    }

    /// Every indicator with a `评分` line, in projects and groups alike: (name, target, scoring).
    pub fn scored(&self) -> impl Iterator<Item = (&str, &Target, &scoring::Scoring)> {
        let in_projects = self
            .indicators()
            .filter_map(|(_, i)| Some((i.name.as_str(), &i.target, i.scoring.as_ref()?)));
        let in_groups = (self.departments.iter())
            .flat_map(|d| &d.groups)
            .flat_map(|g| g.indicators())
            .filter_map(|i| Some((i.name.as_str(), &i.target, i.scoring.as_ref()?)));
        in_projects.chain(in_groups)
    }

    /// Where a byte offset stands, by name: `预算单位 / 项目 / 指标`, as far as it reaches. A
    /// finding keeps this path when lines move, so baselines match by it.
    pub fn path_at(&self, offset: usize) -> Vec<&str> {
        let mut path = Vec::new();
        let Some(department) = last_starting_before(&self.departments, offset, |d| d.span.start)
        else {
            return path;
        };
        let Some(agency) = last_starting_before(&department.agencies, offset, |a| a.span.start)
        else {
            return path;
        };
        path.push(agency.name.as_str());
        let Some(project) = last_starting_before(&agency.projects, offset, |p| p.span.start) else {
            return path;
        };
        path.push(project.name.as_str());
        if let Some(indicator) = project
            .indicators
            .iter()
            .find(|i| i.span.start <= offset && offset <= i.span.end)
        {
            path.push(indicator.name.as_str());
        }
        path
    }
}

/// An indicator of a project or of a scored group, as the lints read it.
#[derive(Clone, Copy, Debug)]
pub struct IndicatorRef<'a> {
    /// The project, or the innermost group, the indicator is written in.
    pub owner: &'a str,
    pub name: &'a str,
    /// `None` for a group's `指标` line, which names no category.
    pub category: Option<&'a Category>,
    pub target: &'a Target,
    pub span: Span,
    pub name_span: Span,
}

impl IndicatorRef<'_> {
    pub fn level1(&self) -> Option<Level1> {
        self.category.map(|c| c.level1)
    }
}

/// The last item (in file order) that starts at or before `offset`.
fn last_starting_before<T>(items: &[T], offset: usize, start: impl Fn(&T) -> usize) -> Option<&T> {
    items.iter().rev().find(|item| start(item) <= offset)
}
