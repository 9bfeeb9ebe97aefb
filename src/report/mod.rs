//! Rendering findings for people and machines. The only floor that knows about colour, terminal
//! width or JSON field names.

pub mod concise;
pub mod eval_ci;
pub mod eval_csv;
pub mod eval_json;
pub mod eval_markdown;
pub mod eval_table;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::Checked;
use crate::diagnostic::Severity;

/// Counts over a whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub indicators: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(results: &[Checked]) -> Summary {
        let mut summary = Summary {
            files: results.len(),
            ..Summary::default()
        };
        for checked in results {
            summary.indicators += checked.spec.all_indicators().count();
            for d in &checked.diagnostics {
                match d.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                }
            }
        }
        summary
    }
}
