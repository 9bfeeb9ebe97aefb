//! Importing the tables people already have (workbooks, CSV, Word documents, web pages, text
//! tables, PDF text) into specs, and exporting specs back to the template shape.
//!
//! Every workbook or document reader fills the same neutral [`Sheet`]s (one per worksheet or
//! document table), which `rows` reads; the Guangzhou PDF-text reader fills a [`table::Table`]
//! directly. Every reader ends in a [`table::Table`] and counts what it found; `finish` prints the table as
//! spec text, parses and compiles that text again, and counts what was written. Every indicator,
//! project, unit and amount found is either written or reported by a diagnostic; any other
//! difference is a `count-mismatch` error. No I/O here: the CLI reads and writes the files.

pub mod actuals;
mod amounts;
mod cells;
pub mod columns;
mod diagnostics;
pub mod docx;
mod emit;
pub mod export;
mod form;
mod grid;
pub mod html;
mod items;
mod joined;
pub(crate) mod package;
mod pdf;
mod prose;
mod rows;
pub mod sheet;
mod styles;
pub mod table;
pub mod text_table;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Spec;
use crate::source::{SourceFile, Span};
use table::{Counts, Table};

pub use columns::Columns;
pub use emit::width;
pub use form::column_letters;
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
    /// A self-evaluation's actual values, scores and funds figures as an actuals file (TOML).
    pub actuals: Option<String>,
    /// Where each indicator came from in the source (`Sheet1!D14`), by the byte offset of its
    /// line in `spec`.
    pub places: Vec<(usize, String)>,
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

/// Imports a text file: a text table (tab-separated, Markdown pipes) when most of its lines have
/// that shape and it reads as one, else running text.
pub fn text(source: &SourceFile, columns: &Columns, fallback: &str) -> Imported {
    let table = text_table::shape(&source.text)
        .map(|shape| sheet(&[text_table::read(&source.text, shape)], columns, fallback));
    match table {
        Some(table) if table.written.indicators > 0 => table,
        // Bars or tabs that head no table (`| 指标` on every line of a rendered page).
        Some(table) => {
            let running = running_text(source, columns, fallback);
            if running.written.indicators > 0 {
                running
            } else {
                table
            }
        }
        None => running_text(source, columns, fallback),
    }
}

/// Text that is not a grid: the Guangzhou list (`1、产出指标：名称，年度指标值：值`) or indicators
/// under category headings (`prose`). Text in which the list reader finds one whole item
/// (`名称，年度指标值：值`) is that list, its refusals reported as the list's; other text is
/// read under its headings when that keeps more indicators.
fn running_text(source: &SourceFile, columns: &Columns, fallback: &str) -> Imported {
    let list = pdf_text(source, fallback);
    if list.written.indicators > 0 {
        return list;
    }
    match prose::read(&source.text) {
        Some(laid) => {
            let (mut table, mut found) = rows::read(&[laid.sheet], columns, fallback);
            if let Some(first) = table.notes.first_mut() {
                *first = RUNNING_TEXT_NOTE.to_owned();
            }
            for cell in &laid.unread {
                let place = format!("第{}行", cell.line);
                let excerpt: String = cell.text.chars().take(40).collect();
                let more = if cell.text.chars().nth(40).is_some() {
                    "…"
                } else {
                    ""
                };
                found.push(diagnostics::text_not_indicator(
                    &place,
                    cell.span,
                    &format!("{excerpt}{more}"),
                ));
            }
            let headed = finish(table, found);
            if headed.written.indicators > list.written.indicators {
                headed
            } else {
                list
            }
        }
        None => list,
    }
}

/// The comment atop a spec read from running text.
const RUNNING_TEXT_NOTE: &str = "由 jixiao import 从成段文字生成：类别标题（产出指标、数量指标……）之后的句子和一格一行的单元格读作指标，能读出数值的拆成名称和指标值，其余照录。";

/// Which text of a PDF an import read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfText {
    /// `pdftotext -layout`: columns kept apart by spaces.
    Layout,
    /// `pdftotext` without `-layout`: the text flow the Guangzhou reader knows.
    Raw,
}

/// Imports the text layer of a PDF: `layout` is `pdftotext -layout`, read as a text table when
/// it has that shape, else as columns placed by their position on the page; `raw` (plain
/// `pdftotext`) is read by the Guangzhou reader. The reading that finds more indicators wins.
/// A PDF whose text is empty is a scan: it needs OCR first.
pub fn pdf_layout(
    layout: &SourceFile,
    raw: Option<&SourceFile>,
    columns: &Columns,
    fallback: &str,
) -> Result<(Imported, PdfText), Box<Diagnostic>> {
    if layout.text.trim().is_empty() {
        return Err(Box::new(diagnostics::needs_ocr()));
    }
    let shape = text_table::shape(&layout.text).unwrap_or(text_table::Shape::Spaces);
    let placed = sheet(&[text_table::read(&layout.text, shape)], columns, fallback);
    let Some(raw) = raw else {
        return Ok((placed, PdfText::Layout));
    };
    let guangzhou = pdf_text(raw, fallback);
    Ok(if guangzhou.found.indicators > placed.found.indicators {
        (guangzhou, PdfText::Raw)
    } else {
        (placed, PdfText::Layout)
    })
}

/// `pdftotext` could not be run or failed (the CLI runs it; the finding is worded here).
pub fn pdf_unreadable(detail: &str) -> Diagnostic {
    diagnostics::pdf_unreadable(detail)
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
    let actuals = actuals::actuals(&table, "表格");
    let spec = emit::emit(&table);
    let parsed = crate::syntax::parse(&spec);
    let (model, _) = crate::model::compile(&parsed.ast);
    let written = written(&model);
    let places = places(&table, &model);
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
        actuals,
        places,
    }
}

/// The source cell of each indicator, project name and project total (by the offset in the
/// spec where each is printed), in order: indicators and projects are printed in table order,
/// so the n-th of the model is the n-th of the table.
fn places(table: &Table, model: &Spec) -> Vec<(usize, String)> {
    let projects = || {
        table
            .departments
            .iter()
            .flat_map(|d| &d.agencies)
            .flat_map(|a| &a.projects)
    };
    let items = projects().flat_map(|p| &p.indicators);
    let mut places: Vec<(usize, String)> = model
        .indicators()
        .zip(items)
        .filter_map(|((_, indicator), item)| {
            item.place
                .clone()
                .map(|place| (indicator.span.start, place))
        })
        .collect();
    for ((_, project), written) in model.projects().zip(projects()) {
        if let Some(place) = &written.place {
            places.push((project.span.start, place.clone()));
        }
        if let (Some(place), Some(total)) = (&written.budget_place, &project.budget.total) {
            places.push((total.span.start, place.clone()));
        }
    }
    places.sort();
    places
}

/// Drops what cannot be written as one line of spec (a `#` in a target starts a comment; a
/// name holding every kind of quote has no quotes left), each with its diagnostic.
fn unwritable(table: &mut Table, diagnostics: &mut Vec<Diagnostic>) {
    // A spec line holds no line break: one left in a name or a target (a lone `\r` of a text,
    // a cell's Alt+Enter a reader kept) is where the text wrapped, joined as a cell's are.
    let one_line = sheet::one_line;
    for department in &mut table.departments {
        department.name = one_line(&department.name);
        for agency in &mut department.agencies {
            agency.name = one_line(&agency.name);
            for project in &mut agency.projects {
                project.name = one_line(&project.name);
                for goal in [&mut project.goal, &mut project.term_goal]
                    .into_iter()
                    .flatten()
                {
                    *goal = one_line(goal);
                }
                for item in &mut project.indicators {
                    item.name = one_line(&item.name);
                    item.target = one_line(&item.target);
                }
            }
        }
    }
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
                let finding = diagnostics::unreadable_indicator(
                    "写入规格时",
                    item.span,
                    &item.name,
                    "指标值含 `#`（规格中 `#` 开始注释）或名称无法加引号，不能照录为一行",
                );
                diagnostics.push(match &item.place {
                    Some(cell) => finding.in_cell(cell.clone()),
                    None => finding,
                });
            } else {
                kept.push(item);
            }
        }
        project.indicators = kept;
        for goal in [&mut project.goal, &mut project.term_goal] {
            if goal.as_deref().is_some_and(|g| emit::quote(g).is_none()) {
                *goal = None;
            }
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
    let nothing = imported.found.indicators == 0 && imported.found.projects == 0;
    out.push_str(&format!(
        "计数{}；导入问题：{errors} 个错误、{warnings} 个警告；金额核对：{}\n",
        if nothing {
            "：没有找到任何项目和指标（见上面的导入问题）"
        } else if mismatched {
            "不符"
        } else {
            "相符"
        },
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
