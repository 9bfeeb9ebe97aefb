//! The language server's line cache: after any sequence of edits, `parse_incremental` returns
//! exactly what a fresh `parse` returns. The input is a start text and edits separated by a NUL
//! byte; each edit is (offset, length to remove) from its first two bytes and the text to insert.
#![no_main]

use jixiao::syntax::{LineCache, parse, parse_incremental};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = input.split('\0');
    let mut text = parts.next().unwrap_or("").to_owned();
    let mut cache = LineCache::default();
    let first = parse_incremental(&text, &mut cache);
    assert_eq!(shown(&first), shown(&parse(&text)));
    cache.keep(first.ast);
    for edit in parts.take(16) {
        let mut chars = edit.chars();
        let at = chars.next().map_or(0, |c| c as usize) % (text.len() + 1);
        let remove = chars.next().map_or(0, |c| c as usize % 8);
        let insert: String = chars.collect();
        let mut start = at;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + remove).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(start..end, &insert);
        let incremental = parse_incremental(&text, &mut cache);
        assert_eq!(shown(&incremental), shown(&parse(&text)), "after an edit at {start}");
        cache.keep(incremental.ast);
    }
});

/// The tree and the diagnostics, as compared by the project's own incremental test.
fn shown(parsed: &jixiao::syntax::Parsed) -> String {
    format!("{:?}\n{:?}", parsed.ast, parsed.diagnostics)
}
