//! Canonical targets: operator words and full-width symbols become `>=`, `>`, `<=`, `<`, `=`,
//! `!=` before the number (`90%以上` → `>= 90%`, `大于95%` → `> 95%`), range separators become
//! `-`, full-width digits and `％` become half-width. Everything else in a target is kept as
//! written. A rewrite is kept only when it reads back to the same form and the same meaning.

use crate::model::Meaning;
use crate::model::value::{lower_target, operator};
use crate::source::Span;
use crate::syntax::ast::{Clause, Core, Quantity, Target, TargetForm, Text};
use crate::syntax::parse_value;

/// The canonical spelling of a target, or `None` when it is already canonical or cannot be
/// rewritten without a doubt about its meaning. `name` is the indicator's name (it decides the
/// direction of a bare value), `source` the text the target's spans point into.
pub fn canonical_target(target: &Target, name: &str, source: &str) -> Option<String> {
    let mut edits = Vec::new();
    match &target.form {
        TargetForm::Clauses(clauses) => clauses.iter().for_each(|c| clause(c, source, &mut edits)),
        TargetForm::Word { op: Some(op), word } => {
            let sign = operator(&op.value)?.symbol();
            edits.push((
                Span::new(op.span.start, word.span.start),
                format!("{sign} "),
            ));
        }
        TargetForm::Word { op: None, .. } | TargetForm::Free => return None,
    }
    let rewritten = apply(target, source, edits)?;
    (rewritten != target.text && same_meaning(target, &rewritten, name)).then_some(rewritten)
}

/// Edits of one clause: (span in the source, replacement).
fn clause(clause: &Clause, source: &str, edits: &mut Vec<(Span, String)>) {
    match &clause.core {
        Core::Comparison {
            op,
            quantity,
            suffix,
            ..
        } => comparison(op.as_ref(), quantity, suffix.as_ref(), source, edits),
        Core::Range { low, high, .. } => {
            let canonical = format!("{}-{}", half_width(source, low), half_width(source, high));
            edits.push((low.span.join(high.span), canonical));
        }
        Core::ZeroEvent { .. } | Core::Relative { .. } | Core::Deadline { .. } => {}
    }
}

fn comparison(
    op: Option<&Text>,
    quantity: &Quantity,
    suffix: Option<&Text>,
    source: &str,
    edits: &mut Vec<(Span, String)>,
) {
    let number = half_width(source, quantity);
    let written = match (op, suffix) {
        (Some(op), None) | (None, Some(op)) => op,
        // No operator: the implied direction stays implied. Two operators: left as written.
        _ => {
            edits.push((quantity.span, number));
            return;
        }
    };
    let Some(sign) = operator(&written.value).map(|c| c.symbol()) else {
        return;
    };
    let start = op.map_or(quantity.span.start, |o| o.span.start);
    let end = suffix.map_or(quantity.span.end, |s| s.span.end);
    let glued = source
        .get(..start)
        .and_then(|before| before.chars().next_back())
        .is_some_and(|c| !c.is_whitespace());
    let space = if glued { " " } else { "" };
    edits.push((Span::new(start, end), format!("{space}{sign} {number}")));
}

/// A quantity as written, with full-width digits and signs made half-width.
fn half_width(source: &str, quantity: &Quantity) -> String {
    let written = source
        .get(quantity.span.start..quantity.span.end)
        .unwrap_or("");
    written
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            '／' => '/',
            _ => c,
        })
        .collect()
}

/// The target's text with the edits applied; `None` if an edit falls outside it.
fn apply(target: &Target, source: &str, mut edits: Vec<(Span, String)>) -> Option<String> {
    edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    let mut text = source.get(target.span.start..target.span.end)?.to_owned();
    let mut limit = target.span.end;
    for (span, replacement) in edits {
        if span.start < target.span.start || span.end > limit {
            return None;
        }
        let (start, end) = (span.start - target.span.start, span.end - target.span.start);
        text.get(start..end)?;
        text.replace_range(start..end, &replacement);
        limit = span.start;
    }
    // A clause's first operator may have gained a space at the very start of the target.
    Some(text.trim().to_owned())
}

/// Whether `rewritten` reads as the same form and means the same as `target`. A grade's word is
/// never rewritten, only its operator; measurable clauses are lowered and compared by meaning.
fn same_meaning(target: &Target, rewritten: &str, name: &str) -> bool {
    let again = parse_value(rewritten, 0);
    match (&target.form, &again.form) {
        (TargetForm::Word { op: a, word: x }, TargetForm::Word { op: b, word: y }) => {
            let sign = |op: &Option<Text>| op.as_ref().map(|o| operator(&o.value));
            x.value == y.value && sign(a) == sign(b)
        }
        (TargetForm::Clauses(_), TargetForm::Clauses(_)) => {
            let mut ignored = Vec::new();
            let before = lower_target(target, name, &[], &mut ignored);
            let after = lower_target(&again, name, &[], &mut ignored);
            !matches!(before.meaning, Meaning::Unmeasurable)
                && serde_json::to_value(&before.meaning).ok()
                    == serde_json::to_value(&after.meaning).ok()
        }
        _ => false,
    }
}
