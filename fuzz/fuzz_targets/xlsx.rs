//! Any bytes as an actuals workbook: a diagnostic or CSV text, never a panic (a workbook is a
//! zip: the reader's limits on size hold).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jixiao::eval::xlsx::to_csv(data);
});
