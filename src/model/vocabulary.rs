//! The organisation's vocabulary from `jixiao.toml`, applied to the model: extra counting units
//! (`人天`, `吨`) that the value grammar leaves as context, and grade scales every block sees.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use super::measure::{Dimension, Unit};
use super::quantity::Quantity;
use super::spec::Spec;
use super::target::GradeScale;
use super::target::{Clause, Condition, Meaning};
use crate::config::Vocabulary;
use crate::source::Span;

/// The configured grade scales, named after their first grade.
pub(super) fn scales(vocabulary: &Vocabulary) -> Vec<GradeScale> {
    vocabulary
        .grade_scales
        .iter()
        .map(|grades| GradeScale {
            name: format!("jixiao.toml：{}", grades.join("/")),
            grades: grades.clone(),
            span: Span::new(0, 0),
        })
        .collect()
}

/// Gives a unitless bound the configured unit its clause's context starts with: `>= 100吨`.
pub(super) fn apply_units(spec: &mut Spec, units: &[String]) {
    if units.is_empty() {
        return;
    }
    let indicators = spec
        .departments
        .iter_mut()
        .flat_map(|d| &mut d.agencies)
        .flat_map(|a| &mut a.projects)
        .flat_map(|p| &mut p.indicators);
    for indicator in indicators {
        let text = indicator.target.text.clone();
        let start = indicator.target.span.start;
        if let Meaning::Conditions { clauses } = &mut indicator.target.meaning {
            for clause in clauses {
                give_unit(clause, units, &text, start);
            }
        }
    }
}

fn give_unit(clause: &mut Clause, units: &[String], text: &str, start: usize) {
    let Some(context) = clause.context.as_deref() else {
        return;
    };
    let Some(word) = units
        .iter()
        .filter(|u| context.starts_with(u.as_str()))
        .max_by_key(|u| u.len())
    else {
        return;
    };
    let rest = context[word.len()..].trim().to_owned();
    let bounds: Vec<&mut Quantity> = match &mut clause.condition {
        Condition::Compare { bound, .. } => vec![bound],
        Condition::Range { low, high, .. } => vec![low, high],
        _ => Vec::new(),
    };
    if bounds.is_empty() || bounds.iter().any(|q| q.unit.is_some()) {
        return;
    }
    for quantity in bounds {
        quantity.unit = Some(Unit {
            symbol: interned(word),
            dimension: Dimension::Count,
        });
    }
    if let Condition::Compare { bound, .. } | Condition::Range { high: bound, .. } =
        &mut clause.condition
    {
        bound.unit_span = unit_span(text, start, bound.span.end, word);
    }
    clause.context = (!rest.is_empty()).then_some(rest);
}

/// Where the unit word stands in the target text, after the number.
fn unit_span(text: &str, start: usize, after: usize, word: &str) -> Option<Span> {
    let from = after.checked_sub(start)?;
    let at = from + text.get(from..)?.find(word)?;
    Some(Span::new(start + at, start + at + word.len()))
}

/// Units carry `&'static str` symbols; a configured word is leaked once per distinct word, so
/// re-reading a config (the language server does) never grows memory.
fn interned(word: &str) -> &'static str {
    static WORDS: OnceLock<Mutex<BTreeSet<&'static str>>> = OnceLock::new();
    let mut words = WORDS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(found) = words.get(word) {
        return found;
    }
    let leaked: &'static str = Box::leak(word.to_owned().into_boxed_str());
    words.insert(leaked);
    leaked
}
