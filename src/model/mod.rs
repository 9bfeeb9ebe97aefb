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

pub use category::{Category, Level1, Level2};
pub use quantity::Quantity;
pub use spec::{Agency, Amount, Budget, Department, Fund, GradeScale, Indicator, Project, Spec};
pub use target::{Clause, Comparison, Condition, Meaning, Polarity, Target};

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

/// The last item (in file order) that starts at or before `offset`.
fn last_starting_before<T>(items: &[T], offset: usize, start: impl Fn(&T) -> usize) -> Option<&T> {
    items.iter().rev().find(|item| start(item) <= offset)
}
