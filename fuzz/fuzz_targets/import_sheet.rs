//! The table importers, any bytes: as a workbook (XLSX/XLS/ODS: zip, XML, merges, number
//! formats) and as CSV text, each imported as a department's table. Never a panic; every
//! indicator found is written or skipped with a finding, and the spec written parses back.
#![no_main]

use jixiao::import::{self, Columns};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(sheets) = import::sheet::from_workbook(data) {
        accounted(&import::sheet(&sheets, &Columns::default(), "fuzz"));
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(sheet) = import::sheet::from_csv(text)
    {
        accounted(&import::sheet(&[sheet], &Columns::default(), "fuzz"));
    }
});

fn accounted(imported: &import::Imported) {
    let (found, skipped, written) = (imported.found, imported.skipped, imported.written);
    assert_eq!(found.indicators, skipped.indicators + written.indicators, "indicators lost");
    assert!(jixiao::syntax::parse(&imported.spec).diagnostics.is_empty(), "{}", imported.spec);
}
