//! The typed, normalized model: exact decimals, units with dimensions, targets with one meaning.
//! No floats, no I/O.

pub mod category;
mod describe;
mod lower;
pub mod measure;
pub mod polarity;
pub mod quantity;
pub mod spec;
pub mod target;
pub mod value;

pub use category::{Category, Level1, Level2};
pub use quantity::Quantity;
pub use spec::{Agency, Amount, Budget, Department, Fund, GradeScale, Indicator, Project, Spec};
pub use target::{Clause, Comparison, Condition, Meaning, Polarity, Target};

use crate::diagnostic::Diagnostic;
use crate::syntax::ast::Ast;

/// Compiles a syntax tree into the model, with the problems found on the way.
pub fn compile(ast: &Ast) -> (Spec, Vec<Diagnostic>) {
    let mut lowerer = lower::Lowerer {
        diagnostics: Vec::new(),
    };
    let spec = lowerer.spec(ast);
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
}
