//! Any bytes as the workbook to annotate, with notes on a few cells of its first sheets: an
//! annotated copy or a message, never a panic.
#![no_main]

use jixiao::report::annotate::{Cell, Level, Note, annotate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let notes: Vec<Note> = ["Sheet1", "Sheet2", "表"]
        .iter()
        .zip(["A1", "E14", "XFD1048576"])
        .map(|(sheet, cell)| Note {
            sheet: (*sheet).to_owned(),
            cell: Cell::parse(cell),
            level: Level::Error,
            code: "JX0101".to_owned(),
            rule: "vague-target".to_owned(),
            message: "<&>".to_owned(),
            help: String::new(),
        })
        .collect();
    let _ = annotate(data, &notes);
});
