//! The value grammar alone, as actuals and importers use it: never a panic, spans inside the text
//! and on character boundaries (offset by where the value stands).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.contains(['\n', '\r']) {
        return;
    }
    let target = jixiao::syntax::parse_value(text, 7);
    assert!(target.span.start >= 7 && target.span.end <= text.len() + 7);
    let mut diagnostics = Vec::new();
    let lowered = jixiao::model::value::lower_target(&target, "指标", &[], &mut diagnostics);
    let _ = lowered.describe();
});
