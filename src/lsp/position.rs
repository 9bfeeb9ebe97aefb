//! Byte offsets ↔ LSP positions. Inside jixiao every span is UTF-8 bytes; the client counts
//! columns in UTF-8 bytes or UTF-16 code units, as negotiated at initialization. Conversions
//! clamp: a position past the end of a line or of the file lands on the last character boundary.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::{SourceFile, Span};

/// How the client counts columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion, no surprises with CJK), else UTF-16,
    /// which every client must understand.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// The length of `text` in this encoding's units.
    pub fn len(self, text: &str) -> u32 {
        let units = match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.encode_utf16().count(),
        };
        u32::try_from(units).unwrap_or(u32::MAX)
    }
}

/// The largest character boundary at or before `offset`.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The position of a byte offset.
pub fn position(source: &SourceFile, encoding: Encoding, offset: usize) -> Position {
    let offset = floor_boundary(&source.text, offset);
    let line = source.line_index(offset);
    let start = source.line_start(line).min(offset);
    let prefix = source.text.get(start..offset).unwrap_or("");
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        encoding.len(prefix),
    )
}

pub fn range(source: &SourceFile, encoding: Encoding, span: Span) -> Range {
    Range::new(
        position(source, encoding, span.start),
        position(source, encoding, span.end),
    )
}

/// The byte offset of a position, clamped to the line's end (before its line break).
pub fn offset(source: &SourceFile, encoding: Encoding, position: Position) -> usize {
    let line = position.line as usize;
    let start = source.line_start(line);
    if start >= source.text.len() {
        return source.text.len();
    }
    let rest = source.text.get(start..).unwrap_or("");
    let line_text = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let mut units = 0u32;
    for (at, c) in line_text.char_indices() {
        if units >= position.character {
            return start + at;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        };
    }
    start + line_text.len()
}

/// The span of a range.
pub fn span(source: &SourceFile, encoding: Encoding, range: Range) -> Span {
    let start = offset(source, encoding, range.start);
    let end = offset(source, encoding, range.end).max(start);
    Span::new(start, end)
}
