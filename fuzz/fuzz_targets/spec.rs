//! A spec, any bytes: parse → compile → check never panics, and every span of every finding lies
//! on character boundaries inside the text.
#![no_main]

use jixiao::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let checked = jixiao::check_source(SourceFile::new("fuzz.jx", text));
    for d in &checked.diagnostics {
        for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
});
