//! The one diagnostic type: every stage produces it, every renderer (terminal, JSON, and later
//! SARIF and the language server) reads it.

pub mod codes;

use serde::Serialize;

pub use codes::{Code, RULES, Rule};

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A secondary location with its own label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// A mechanical fix: replace the text of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub description: String,
    pub span: Span,
    pub replacement: String,
}

/// A finding: a code, where, and the words that explain it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The primary location, in bytes of the file the diagnostic belongs to.
    pub span: Span,
    /// Values for the placeholders of the code's message, label and help templates.
    pub args: Vec<(&'static str, String)>,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
    /// Where in a table the finding is (`Sheet1!E14`, or `Sheet1!12:12` for a whole row) when
    /// the file checked is a workbook: its spans point into the spec made from it, which the
    /// user never saw, so every output names the cell instead of a line.
    pub cell: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, span: Span) -> Self {
        Diagnostic {
            code,
            severity: code.rule().severity,
            span,
            args: Vec::new(),
            labels: Vec::new(),
            fix: None,
            cell: None,
        }
    }

    /// Sets a template placeholder.
    #[must_use]
    pub fn arg(mut self, key: &'static str, value: impl ToString) -> Self {
        self.args.push((key, quoted(value.to_string())));
        self
    }

    #[must_use]
    pub fn label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    #[must_use]
    pub fn fix(
        mut self,
        description: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix {
            description: description.into(),
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// The table cell the finding is about.
    #[must_use]
    pub fn in_cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }

    /// Where the finding is, as a user looks it up: `file:line:column`, or `file:Sheet1!E14` for
    /// a finding in a workbook.
    pub fn place(&self, source: &crate::source::SourceFile) -> String {
        match &self.cell {
            Some(cell) => format!("{}:{cell}", source.name),
            None => {
                let at = source.line_col(self.span.start);
                format!("{}:{}:{}", source.name, at.line, at.column)
            }
        }
    }

    pub fn rule(&self) -> &'static Rule {
        self.code.rule()
    }

    pub fn message(&self) -> String {
        self.fill(self.rule().message)
    }

    pub fn primary_label(&self) -> String {
        self.fill(self.rule().label)
    }

    pub fn help(&self) -> Option<String> {
        let help = self.fill(self.rule().help);
        (!help.is_empty()).then_some(help)
    }

    /// Fills `{key}` placeholders; a placeholder without a value is left empty.
    fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            out.push_str(&rest[..open]);
            let key = &rest[open + 1..open + close];
            if let Some((_, value)) = self.args.iter().find(|(k, _)| *k == key) {
                out.push_str(value);
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Deterministic order: by position, then code.
    pub fn sort_key(&self) -> (usize, usize, Code) {
        (self.span.start, self.span.end, self.code)
    }
}

/// A message quotes at most this many characters of what was written, then `…`: the span says
/// exactly where. A finding on each clause of a 16 KB line, each quoting the whole line, made
/// the output grow with the square of the line (fuzz finding 11).
pub const MAX_QUOTE_CHARS: usize = 200;

fn quoted(mut value: String) -> String {
    if let Some((cut, _)) = value.char_indices().nth(MAX_QUOTE_CHARS) {
        value.truncate(cut);
        value.push('…');
    }
    value
}

/// Sorts diagnostics by position and code and drops exact duplicates.
/// How many errors and warnings there are among `diagnostics`.
pub fn errors_and_warnings<'a>(
    diagnostics: impl Iterator<Item = &'a Diagnostic>,
) -> (usize, usize) {
    diagnostics.fold((0, 0), |(e, w), d| match d.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
    })
}

pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by_key(Diagnostic::sort_key);
    diagnostics.dedup();
}
