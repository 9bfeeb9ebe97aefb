//! A table copied cell by cell under its column headings (`三级指标` / `分值` / `年度指标值` …,
//! one per line): the headings after the name give the order of each row's cells. A cell goes
//! to the first column still due that it fits, passing over the columns a row may leave out
//! (an operator, a unit, a weight), since a rendering drops empty cells. A heading no field
//! has (`绩效标准`, `实施进度`) is a column of its own, kept under its own name.

use super::cut::Cell;
use super::words::{is_value, joins_previous};
use crate::import::cells::operator_symbol;
use crate::import::columns::Field;

/// One column heading of the copied table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heading {
    Field(Field),
    /// A heading that names no field, by its index among the layout's other columns.
    Other(usize),
}

/// The columns after the name, in the order the headings gave.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub after_name: Vec<Heading>,
}

impl Grid {
    /// The grid of a run of headings that names the name column (or the value's, the name
    /// being the column before it).
    pub fn from_run(run: &[Heading]) -> Option<Grid> {
        let is = |field: Field| move |h: &Heading| *h == Heading::Field(field);
        let name = run
            .iter()
            .position(is(Field::Name))
            .or_else(|| run.iter().position(is(Field::Value))?.checked_sub(1))?;
        let after_name: Vec<Heading> = run[name + 1..]
            .iter()
            .filter(|h| {
                !matches!(
                    h,
                    Heading::Field(Field::Level1 | Field::Level2 | Field::Name)
                )
            })
            .cloned()
            .collect();
        (run.len() >= 2 && !after_name.is_empty()).then_some(Grid { after_name })
    }

    /// Where a cell goes in a row with `filled` cells already: how many columns it passes over,
    /// and the column.
    pub fn due(&self, filled: usize, text: &str) -> Option<(usize, &Heading)> {
        for (i, heading) in self.after_name.iter().enumerate().skip(filled) {
            if fits(heading, text) {
                return Some((i - filled, heading));
            }
            if !optional(heading) {
                return None;
            }
        }
        None
    }

    pub fn len(&self) -> usize {
        self.after_name.len()
    }
}

/// Whether a cell can be a column's: a weight or score is a number, a unit a unit word, an
/// operator an operator; a value, an actual and words take any cell, another column any
/// words that are not a value.
fn fits(heading: &Heading, text: &str) -> bool {
    match heading {
        Heading::Field(Field::Weight | Field::Score) => text.chars().any(|c| c.is_ascii_digit()),
        Heading::Field(Field::Unit) => joins_previous(text),
        Heading::Field(Field::Kind | Field::Operator | Field::Direction) => {
            operator_symbol(text).is_some() || matches!(text, "定性" | "定量")
        }
        Heading::Field(_) => true,
        Heading::Other(_) => !is_value(text),
    }
}

/// The columns a row may leave out.
fn optional(heading: &Heading) -> bool {
    matches!(
        heading,
        Heading::Field(
            Field::Kind
                | Field::Operator
                | Field::Direction
                | Field::Unit
                | Field::Weight
                | Field::Score
        ) | Heading::Other(_)
    )
}

/// A row being filled under the headings: its name, then each column's cell (`None` for a
/// cell marked empty), and words before the value that explain the name.
pub struct Open<'t> {
    pub name: Cell<'t>,
    pub filled: Vec<Option<Cell<'t>>>,
    pub notes: Vec<Cell<'t>>,
}

impl<'t> Open<'t> {
    pub fn new(name: &Cell<'t>) -> Open<'t> {
        Open {
            name: name.clone(),
            filled: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn fill(&mut self, cell: &Cell<'t>) {
        self.filled.push(Some(cell.clone()));
    }

    pub fn skip(&mut self) {
        self.filled.push(None);
    }

    /// The cell of a column, if the row has one.
    pub fn cell(&self, grid: &Grid, heading: &Heading) -> Option<&Cell<'t>> {
        grid.after_name
            .iter()
            .zip(&self.filled)
            .find(|(h, _)| *h == heading)
            .and_then(|(_, c)| c.as_ref())
    }
}
