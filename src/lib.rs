//! jixiao (绩效): a language and checker for Chinese budget performance targets.
//!
//! The pipeline, in floor order: `source` and `diagnostic` → `config` → `syntax` (text → tree)
//! → `model` (tree → typed, normalized spec) → `check` (lints) and `format` (the canonical layout)
//! → `eval` (actuals, scoring) and `import` (tables → specs) → `report` (rendering) → `lsp` → `cli`.
//! Later floors depend on earlier ones, never the reverse (`tests/tidy.rs` enforces it).

pub mod diagnostic;
pub mod source;

pub mod config;

pub mod syntax;

pub mod model;

pub mod check;
pub mod format;

pub mod eval;
pub mod import;

pub mod report;

pub mod lsp;

pub mod cli;

use diagnostic::Diagnostic;
use model::Spec;
use source::SourceFile;

/// A spec file after parsing, compiling and linting.
#[derive(Debug)]
pub struct Checked {
    pub source: SourceFile,
    pub spec: Spec,
    /// Every finding of the file, sorted by position and code.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses, compiles and lints one spec with the default settings. Never fails: every problem is
/// a diagnostic.
pub fn check_source(source: SourceFile) -> Checked {
    check_source_with(source, &config::Settings::default())
}

/// Parses, compiles and lints one spec under a configuration: its vocabulary and thresholds
/// feed the model and the lints, its rule levels and the file's suppression comments decide
/// what is reported.
pub fn check_source_with(source: SourceFile, settings: &config::Settings) -> Checked {
    let parsed = syntax::parse(&source.text);
    finish(source, parsed, settings).0
}

/// `check_source_with` for an editor: lines unchanged since the last call with this cache are
/// not parsed again. The result is the same as `check_source_with`'s.
/// The tree is left in the cache; `LineCache::release`, once the result is out, takes its lines
/// back for the next call.
pub fn check_source_incremental(
    source: SourceFile,
    cache: &mut syntax::LineCache,
    settings: &config::Settings,
) -> Checked {
    let parsed = syntax::parse_incremental(&source.text, cache);
    let (checked, ast) = finish(source, parsed, settings);
    cache.keep(ast);
    checked
}

fn finish(
    source: SourceFile,
    parsed: syntax::Parsed,
    settings: &config::Settings,
) -> (Checked, syntax::ast::Ast) {
    let (spec, lowering) = model::compile_with(&parsed.ast, &settings.vocabulary);
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(lowering);
    diagnostics.extend(check::check_with(&spec, settings));
    settings.apply_levels(&mut diagnostics);
    let enabled = |code| settings.level(code) != Some(config::Level::Off);
    check::suppress::apply(&source.text, &parsed.ast, &mut diagnostics, enabled);
    diagnostic::sort(&mut diagnostics);
    let checked = Checked {
        source,
        spec,
        diagnostics,
    };
    (checked, parsed.ast)
}
