//! Actuals files in every text format, evaluated against the bundled 2021 rubric and a small
//! project spec: never a panic, every finding's span inside the actuals text.
#![no_main]

use std::sync::OnceLock;

use jixiao::eval::{self, Format};
use jixiao::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fn specs() -> &'static [jixiao::Checked] {
    static SPECS: OnceLock<Vec<jixiao::Checked>> = OnceLock::new();
    SPECS.get_or_init(|| {
        let rubric = include_str!("../../specs/2021/gz-cac-2021-self-eval.jx");
        let project = include_str!("../../tests/fixtures/eval/rule-forms.jx");
        [rubric, project]
            .iter()
            .map(|t| jixiao::check_source(SourceFile::new("spec.jx", *t)))
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = [Format::Toml, Format::Json, Format::Csv][usize::from(which % 3)];
    let source = SourceFile::new("actuals", text);
    let (actuals, diagnostics) = eval::actuals::read(&source, format);
    for d in &diagnostics {
        assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start));
    }
    let spec = &specs()[usize::from(which / 3) % 2];
    let evaluation = eval::evaluate(&spec.spec, &actuals, eval::Options::default());
    for d in &evaluation.actuals_diagnostics {
        assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start));
    }
});
