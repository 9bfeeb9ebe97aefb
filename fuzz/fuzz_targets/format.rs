//! The formatter's own promises: formatting twice gives what formatting once gives, and the
//! model of the output is the model of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(once) = jixiao::format::format_source(text) else {
        return;
    };
    let twice = jixiao::format::format_source(&once).expect("formatted output reads back");
    assert_eq!(once, twice, "format is idempotent");
    assert_eq!(
        jixiao::format::meaning(text),
        jixiao::format::meaning(&once),
        "format keeps the meaning"
    );
});
