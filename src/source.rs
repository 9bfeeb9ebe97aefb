//! Source text and positions: byte spans inside, characters and display columns at the edges.

use serde::Serialize;

/// A half-open range of UTF-8 byte offsets into one source text, on character boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span moved by `offset` bytes (a value parsed out of a larger text).
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// This span moved by `delta` bytes either way (a line that moved within its file).
    pub fn moved(self, delta: isize) -> Span {
        Span::new(
            self.start.saturating_add_signed(delta),
            self.end.saturating_add_signed(delta),
        )
    }
}

/// A named text: a spec, an actuals file, or a value read on its own.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A position for people: 1-based line, 1-based column in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The text of a span; empty if the span does not fit (never panics).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// 0-based line index holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let line = self.line_index(offset);
        let start = self.line_start(line);
        let prefix = self
            .text
            .get(start..offset.min(self.text.len()))
            .unwrap_or("");
        LineCol {
            line: line + 1,
            column: prefix.chars().count() + 1,
        }
    }
}
