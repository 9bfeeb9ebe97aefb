//! The importer of published target tables as extracted text: never a panic, and whatever it
//! finds is either written to the spec or reported (its count check holds, or says why not).
#![no_main]

use jixiao::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let imported = jixiao::import::pdf_text(&SourceFile::new("table.txt", text), "fuzz");
    let _ = jixiao::import::summary("table.txt", &imported);
});
