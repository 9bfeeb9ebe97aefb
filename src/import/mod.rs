//! Importing the tables people already have (extracted PDF text, CSV, XLSX) into specs, and
//! exporting specs back to the template shape.
//!
//! Every reader fills a [`table::Table`] and counts what it found; `finish` prints the table as
//! spec text, parses and compiles that text again, and counts what was written. Every indicator,
//! project, unit and amount found is either written or reported by a diagnostic; any other
//! difference is a `count-mismatch` error. No I/O here: the CLI reads and writes the files.

mod amounts;
mod cells;
pub mod columns;
mod diagnostics;
mod emit;
pub mod export;
mod items;
mod joined;
mod pdf;
mod rows;
pub mod sheet;
pub mod table;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Spec;
use crate::source::{SourceFile, Span};
use table::{Counts, Table};

pub use columns::Columns;
pub use emit::width;
pub use sheet::Sheet;

/// Says where a span is, in the words of the source (`第12行`, `工作表 Sheet1 第3行`).
pub trait Place {
    fn place(&self, span: Span) -> String;
}

/// The outcome of one import.
#[derive(Debug)]
pub struct Imported {
    /// The spec text.
    pub spec: String,
    /// The model of that text.
    pub model: Spec,
    pub found: Counts,
    pub skipped: Counts,
    pub written: Counts,
    /// Findings about the source (spans into the source).
    pub diagnostics: Vec<Diagnostic>,
    /// Amount columns that do not add up, as the checker reports them (spans into `spec`).
    pub amount_findings: Vec<Diagnostic>,
}

impl Imported {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Imports a published target table as extracted text; `fallback` names the department when
/// the text does not.
pub fn pdf_text(source: &SourceFile, fallback: &str) -> Imported {
    let (table, diagnostics) = pdf::read(source, fallback);
    finish(table, diagnostics)
}

/// Imports a sheet (from CSV or XLSX) in the one-row-per-indicator template shape.
/// The first sheet with a recognisable header row is read.
pub fn sheet(sheets: &[Sheet], columns: &Columns, fallback: &str) -> Imported {
    let (table, diagnostics) = rows::read(sheets, columns, fallback);
    finish(table, diagnostics)
}

/// Prints the table, reads the printed spec back and accounts for everything.
fn finish(mut table: Table, mut diagnostics: Vec<Diagnostic>) -> Imported {
    unwritable(&mut table, &mut diagnostics);
    let spec = emit::emit(&table);
    let parsed = crate::syntax::parse(&spec);
    let (model, _) = crate::model::compile(&parsed.ast);
    let written = written(&model);
    if table.held() != written || !parsed.diagnostics.is_empty() {
        diagnostics.push(diagnostics::count_mismatch(
            "表中内容",
            table.held().indicators,
            0,
            written.indicators,
        ));
    }
    for ((what, found), ((_, skipped), (_, written))) in table
        .found
        .rows()
        .into_iter()
        .zip(table.skipped.rows().into_iter().zip(written.rows()))
    {
        if found != skipped + written {
            diagnostics.push(diagnostics::count_mismatch(what, found, skipped, written));
        }
    }
    let amount_findings = crate::check::check(&model)
        .into_iter()
        .filter(|d| d.code == Code::AmountMismatch)
        .collect();
    crate::diagnostic::sort(&mut diagnostics);
    Imported {
        spec,
        model,
        found: table.found,
        skipped: table.skipped,
        written,
        diagnostics,
        amount_findings,
    }
}

/// Drops what cannot be written as one line of spec (a `#` in a target starts a comment; a
/// name holding every kind of quote has no quotes left), each with its diagnostic.
fn unwritable(table: &mut Table, diagnostics: &mut Vec<Diagnostic>) {
    for project in table
        .departments
        .iter_mut()
        .flat_map(|d| &mut d.agencies)
        .flat_map(|a| &mut a.projects)
    {
        let mut kept = Vec::with_capacity(project.indicators.len());
        for item in project.indicators.drain(..) {
            let bad = item.target.contains('#') || emit::quote(&item.name).is_none();
            if bad {
                table.skipped.indicators += 1;
                diagnostics.push(diagnostics::unreadable_indicator(
                    "写入规格时",
                    item.span,
                    &item.name,
                    "指标值含 `#`（规格中 `#` 开始注释）或名称无法加引号，不能照录为一行",
                ));
            } else {
                kept.push(item);
            }
        }
        project.indicators = kept;
        if project
            .goal
            .as_deref()
            .is_some_and(|g| emit::quote(g).is_none())
        {
            project.goal = None;
        }
    }
}

/// What a spec holds, counted the way the readers count a source.
pub fn written(spec: &Spec) -> Counts {
    let count = |b: &crate::model::Budget| {
        crate::model::Fund::ALL
            .iter()
            .filter(|f| b.get(**f).is_some())
            .count()
    };
    let mut counts = Counts {
        departments: spec.departments.len(),
        ..Counts::default()
    };
    for department in &spec.departments {
        counts.amounts += count(&department.budget);
        counts.agencies += department.agencies.len();
        for agency in &department.agencies {
            counts.amounts += count(&agency.budget);
            counts.projects += agency.projects.len();
            for project in &agency.projects {
                counts.amounts += count(&project.budget);
                counts.indicators += project.indicators.len();
            }
        }
    }
    counts
}

/// Right-aligns by display width.
fn align(text: &str, columns: usize) -> String {
    format!("{}{text}", " ".repeat(columns.saturating_sub(width(text))))
}

/// The summary printed after an import: found, not imported, written.
pub fn summary(name: &str, imported: &Imported) -> String {
    let mut out = format!("导入 {name}\n");
    out.push_str(&format!(
        "  {}{}  {}  {}\n",
        " ".repeat(10),
        align("找到", 6),
        align("未导入", 8),
        align("写入", 6)
    ));
    for ((label, found), ((_, skipped), (_, written))) in imported.found.rows().into_iter().zip(
        imported
            .skipped
            .rows()
            .into_iter()
            .zip(imported.written.rows()),
    ) {
        let pad = " ".repeat(10usize.saturating_sub(width(label)));
        out.push_str(&format!(
            "  {label}{pad}{found:>6}  {skipped:>8}  {written:>6}\n"
        ));
    }
    let errors = imported
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = imported.diagnostics.len() - errors;
    let mismatched = imported
        .diagnostics
        .iter()
        .any(|d| d.code == Code::CountMismatch);
    out.push_str(&format!(
        "计数{}；导入问题：{errors} 个错误、{warnings} 个警告；金额核对：{}\n",
        if mismatched { "不符" } else { "相符" },
        if imported.amount_findings.is_empty() {
            "各列相平".to_owned()
        } else {
            format!(
                "{} 处不平（用 jixiao check 查看）",
                imported.amount_findings.len()
            )
        }
    ));
    out
}
