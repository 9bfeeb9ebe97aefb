//! Text wrapped over several lines, joined back into one string that still knows, for every byte,
//! where it stood in the source, so diagnostics point at the source and not at the join.

use crate::source::Span;

/// Joined text and, for each of its bytes, the source offset of that byte.
#[derive(Clone, Debug, Default)]
pub struct Joined {
    pub text: String,
    /// Source offsets fit in 32 bits: sources are limited to 8 MiB before they get here.
    origin: Vec<u32>,
}

impl Joined {
    /// Appends a piece of source text that starts at byte `start` of the source.
    pub fn push(&mut self, piece: &str, start: usize) {
        self.text.push_str(piece);
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        self.origin.extend(
            (0..piece.len()).map(|i| start.saturating_add(u32::try_from(i).unwrap_or(u32::MAX))),
        );
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The source span of bytes `start..end` of the joined text (clamped, never panics).
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (Some(first), Some(last)) = (
            self.origin
                .get(start.min(self.origin.len().saturating_sub(1))),
            self.origin.get(
                end.saturating_sub(1)
                    .min(self.origin.len().saturating_sub(1)),
            ),
        ) else {
            return Span::default();
        };
        let last_len = self
            .text
            .get(..end.min(self.text.len()))
            .and_then(|t| t.chars().next_back())
            .map_or(0, char::len_utf8);
        let (first, last) = (*first as usize, *last as usize);
        Span::new(first, (last + last_len).max(first))
    }

    /// The part `start..end` as its own joined text.
    pub fn slice(&self, start: usize, end: usize) -> Joined {
        let end = end.min(self.text.len());
        let start = start.min(end);
        match (self.text.get(start..end), self.origin.get(start..end)) {
            (Some(text), Some(origin)) => Joined {
                text: text.to_owned(),
                origin: origin.to_vec(),
            },
            _ => Joined::default(),
        }
    }

    /// The span of the whole text, without surrounding white space.
    pub fn whole_span(&self) -> Span {
        let start = self.text.len() - self.text.trim_start().len();
        self.span(start, self.text.trim_end().len())
    }
}

/// The text as the spec transcribes it: PDF extraction puts a space before the full-width
/// `，` `。` `、` where the typesetter justified a line, and between two Chinese characters where
/// it spaced one out (Chinese puts no space between words); those spaces are not part of the
/// text. Nothing else is changed: `不少于 300篇`, `超 70%`, `前 4期` keep theirs.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            pending.push(c);
            continue;
        }
        let between_han = han(c) && out.chars().next_back().is_some_and(han);
        if !matches!(c, '，' | '。' | '、') && !between_han {
            out.push_str(&pending);
        }
        pending.clear();
        out.push(c);
    }
    out.push_str(&pending);
    out.trim().to_owned()
}

/// A Chinese character (CJK unified ideographs and their extensions).
fn han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Text with all white space removed, for recognising headings and markers.
pub fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
