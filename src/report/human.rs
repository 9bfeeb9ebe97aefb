//! Terminal output: each diagnostic drawn by miette, then a one-line summary.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::Summary;
use crate::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// How to draw: colour or not, and the width to wrap at.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Renders every diagnostic of every file, and the summary.
pub fn render(results: &[Checked], style: Style) -> String {
    let mut out: String = results
        .iter()
        .map(|checked| render_file(&checked.source, &checked.diagnostics, style))
        .collect();
    out.push_str(&summary_line(&Summary::of(results)));
    out
}

/// Draws the diagnostics of one file, without a summary (a config file, the evaluator's findings).
pub fn render_file(source: &SourceFile, diagnostics: &[Diagnostic], style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let report = Report { diagnostic, source };
        // Writing into a String cannot fail.
        let _ = handler.render_report(&mut out, &report);
    }
    out
}

/// `检查了 1 个文件、165 条指标：12 个错误，30 个警告`.
pub fn summary_line(summary: &Summary) -> String {
    let verdict = if summary.errors == 0 && summary.warnings == 0 {
        "没有发现问题".to_owned()
    } else {
        format!("{} 个错误，{} 个警告", summary.errors, summary.warnings)
    };
    format!(
        "检查了 {} 个文件、{} 条指标：{verdict}\n",
        summary.files, summary.indicators
    )
}

/// A diagnostic with its source, as miette wants it.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a SourceFile,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message())
    }
}

impl Report<'_> {
    /// A finding about a workbook that no line of the spec made from it carries (an import
    /// finding): it is shown at its cell, without the spec the user never saw.
    fn table_only(&self) -> Option<&str> {
        let d = self.diagnostic;
        d.cell.as_deref().filter(|_| d.labels.is_empty())
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message())?;
        match self.table_only() {
            Some(cell) => write!(f, "\n位置：{}:{cell}", self.source.name),
            None => Ok(()),
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let rule = self.diagnostic.rule();
        Some(Box::new(format!("{} {}", rule.id, rule.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let mut help = self.diagnostic.help()?;
        if let Some(fix) = &self.diagnostic.fix {
            help.push_str(&format!("（可自动修复：{}）", fix.description));
        }
        Some(Box::new(help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match self.table_only() {
            Some(_) => None,
            None => Some(self.source),
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.table_only().is_none().then_some(())?;
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            Some(d.primary_label()),
            (d.span.start, d.span.len()),
        );
        let secondary = d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(Some(l.text.clone()), (l.span.start, l.span.len()))
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// miette counts the column of a location in bytes; people count characters. And miette reads
/// a span by scanning the text from its start, which over a large file with many findings is
/// quadratic (minutes for 8 MiB): it is given the text from the line before the context on
/// (an empty span's end is the last byte before it), and the lines before are added back to
/// its line numbers.
impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let first_line = self
            .line_index(span.offset())
            .saturating_sub(context_lines_before + 1);
        let base = self.line_start(first_line);
        let window = self.text.get(base..).ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((span.offset() - base).into(), span.len());
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        let start = base + inner.span().offset();
        let column = self.line_col(start).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new(start.into(), inner.span().len()),
            first_line + inner.line(),
            column,
            first_line + inner.line_count(),
        )))
    }
}
