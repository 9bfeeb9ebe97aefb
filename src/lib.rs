//! jixiao (绩效): a language and checker for Chinese budget performance targets.
//!
//! The pipeline, in floor order: `source` and `diagnostic` → `syntax` (text → tree) → `model`
//! (tree → typed, normalized spec) → `check` (lints) and `format` (the canonical layout) → `report` (rendering) → `cli`.
//! Later floors depend on earlier ones, never the reverse (`tests/tidy.rs` enforces it).

pub mod diagnostic;
pub mod source;

pub mod syntax;

pub mod model;

pub mod check;
pub mod format;

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

/// Parses, compiles and lints one spec. Never fails: every problem is a diagnostic.
pub fn check_source(source: SourceFile) -> Checked {
    let parsed = syntax::parse(&source.text);
    finish(source, parsed).0
}

/// `check_source` for an editor: lines unchanged since the last call with this cache are not
/// parsed again. The result is the same as `check_source`'s.
/// The tree is left in the cache, to be freed by `LineCache::release` once the result is out.
pub fn check_source_incremental(source: SourceFile, cache: &mut syntax::LineCache) -> Checked {
    let parsed = syntax::parse_incremental(&source.text, cache);
    let (checked, ast) = finish(source, parsed);
    cache.keep(ast);
    checked
}

fn finish(source: SourceFile, parsed: syntax::Parsed) -> (Checked, syntax::ast::Ast) {
    let (spec, lowering) = model::compile(&parsed.ast);
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(lowering);
    diagnostics.extend(check::check(&spec));
    diagnostic::sort(&mut diagnostics);
    let checked = Checked {
        source,
        spec,
        diagnostics,
    };
    (checked, parsed.ast)
}
