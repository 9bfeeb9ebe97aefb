//! The formatter: one canonical layout for spec files, built on the syntax tree and its spans.
//!
//! Every line keeps its place and its comment; a statement the formatter knows is rewritten in
//! canonical spacing (indicator columns aligned within a project by display width, operators in
//! their symbol form), and anything else (an unreadable line, a statement kind added later, a
//! trailing part of a line the formatter does not know) is kept verbatim, only re-indented.
//! Formatting never changes meaning: each rewritten target is re-read and compared, and the
//! model of the whole output is compared with the model of the input before it is returned.

mod layout;
mod target;

use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic};
use crate::model;
use crate::syntax;

pub use target::canonical_target;

/// How to treat a file that does not parse cleanly.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Format a file with syntax errors anyway: unreadable lines are kept verbatim.
    pub force: bool,
}

/// Formats a spec in the canonical layout; refuses a file with syntax errors (returned).
pub fn format_source(text: &str) -> Result<String, Vec<Diagnostic>> {
    format_with(text, Options::default())
}

/// Formats a spec. Errors are the syntax problems that stop it (never all of them with `force`,
/// except a file over the input limits, which has no tree to format).
pub fn format_with(text: &str, options: Options) -> Result<String, Vec<Diagnostic>> {
    let parsed = syntax::parse(text);
    let (_, lowering) = model::compile(&parsed.ast);
    let limits: Vec<Diagnostic> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::InputLimit)
        .cloned()
        .collect();
    if !limits.is_empty() {
        return Err(limits);
    }
    let blocking: Vec<Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .chain(lowering.into_iter().filter(|d| d.code == Code::SyntaxError))
        .collect();
    if !blocking.is_empty() && !options.force {
        return Err(blocking);
    }
    let before = meaning(text);
    for rewrite_targets in [true, false] {
        let formatted = layout::render(text, &parsed.ast, rewrite_targets);
        if meaning(&formatted) == before {
            return Ok(formatted);
        }
    }
    // Only spacing was changed and the meaning still moved: keep the text as it is.
    Ok(text.to_owned())
}

/// The model of a spec as JSON, without the targets as written: what formatting must preserve.
pub fn meaning(text: &str) -> Value {
    let (spec, _) = model::compile(&syntax::parse(text).ast);
    let mut value = serde_json::to_value(&spec).unwrap_or(Value::Null);
    forget_written_targets(&mut value);
    value
}

/// Removes `target.text` (the target as written) where the target has a meaning; the text of an
/// unmeasurable target is all it says (the lints read its words), so it stays.
fn forget_written_targets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(target)) = map.get_mut("target")
                && target.get("kind").and_then(Value::as_str) != Some("unmeasurable")
            {
                target.remove("text");
            }
            map.values_mut().for_each(forget_written_targets);
        }
        Value::Array(items) => items.iter_mut().for_each(forget_written_targets),
        _ => {}
    }
}
