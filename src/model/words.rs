//! A fixed list of words searched for in one pass (aho-corasick): names and targets are read for
//! every indicator of a file, and searching word by word cost more than the rest of the lints.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

pub struct Words {
    words: &'static [&'static str],
    matcher: OnceLock<Option<AhoCorasick>>,
}

impl Words {
    pub const fn new(words: &'static [&'static str]) -> Self {
        Words {
            words,
            matcher: OnceLock::new(),
        }
    }

    /// The leftmost word in `text`, the longest at that place, with its byte offset.
    pub fn first_in(&self, text: &str) -> Option<(usize, &'static str)> {
        match self.matcher() {
            Some(matcher) => {
                (matcher.find(text)).map(|m| (m.start(), self.words[m.pattern().as_usize()]))
            }
            None => leftmost_longest(text, self.words.iter().copied()),
        }
    }

    fn matcher(&self) -> Option<&AhoCorasick> {
        let matcher = self.matcher.get_or_init(|| {
            (AhoCorasick::builder())
                .match_kind(MatchKind::LeftmostLongest)
                .build(self.words)
                .ok()
        });
        matcher.as_ref()
    }

    pub fn is_in(&self, text: &str) -> bool {
        match self.matcher() {
            Some(matcher) => matcher.is_match(text),
            None => leftmost_longest(text, self.words.iter().copied()).is_some(),
        }
    }

    pub fn starts(&self, text: &str) -> bool {
        self.words.iter().any(|w| text.starts_with(w))
    }
}

/// The leftmost of `words` in `text`, the longest at that place, searched word by word (for
/// words known only at run time, such as a configuration's).
pub fn leftmost_longest<'a>(
    text: &str,
    words: impl Iterator<Item = &'a str>,
) -> Option<(usize, &'a str)> {
    words
        .filter(|w| !w.is_empty())
        .filter_map(|w| text.find(w).map(|at| (at, w)))
        .min_by_key(|(at, w)| (*at, usize::MAX - w.len()))
}
