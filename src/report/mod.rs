//! Rendering findings for people and machines. The only floor that knows about colour, terminal
//! width or JSON field names.

pub mod annotate;
pub mod concise;
pub mod eval_ci;
pub mod eval_csv;
pub mod eval_json;
pub mod eval_markdown;
pub mod eval_table;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod monitor_ci;
pub mod monitor_json;
pub mod monitor_markdown;
pub mod monitor_table;
pub mod monitor_xlsx;
pub mod review;
pub mod sarif;
pub mod stream;

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
    /// Adds the counts of more files (checked a window at a time).
    pub fn add(&mut self, more: &Summary) {
        self.files += more.files;
        self.indicators += more.indicators;
        self.errors += more.errors;
        self.warnings += more.warnings;
    }

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
