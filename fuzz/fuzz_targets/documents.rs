//! Any bytes as a Word document, a web page, a text table or PDF layout text (the first byte
//! chooses): sheets or a diagnostic, never a panic, and the import's count check holds.
#![no_main]

use jixiao::import::{self, Columns};
use jixiao::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((kind, rest)) = data.split_first() else {
        return;
    };
    let columns = Columns::default();
    let sheets = match kind % 4 {
        0 => import::docx::from_docx(rest),
        1 => import::html::from_html(rest),
        _ => {
            let text = String::from_utf8_lossy(rest);
            let source = SourceFile::new("table.txt", text.as_ref());
            let imported = if kind % 4 == 2 {
                Ok(import::text(&source, &columns, "fuzz"))
            } else {
                import::pdf_layout(&source, None, &columns, "fuzz").map(|(i, _)| i)
            };
            if let Ok(imported) = imported {
                assert_eq!(imported.found, imported.skipped.plus(imported.written));
            }
            return;
        }
    };
    if let Ok(sheets) = sheets {
        let imported = import::sheet(&sheets, &columns, "fuzz");
        assert_eq!(imported.found, imported.skipped.plus(imported.written));
    }
});
