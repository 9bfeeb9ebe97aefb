//! Target adjustment (绩效目标调整): a spec may state the start-of-year target (`年初 …`) beside
//! the adjusted one; an adjustment that lowers the target (a smaller lower bound, a larger upper
//! bound, a later deadline) is flagged for review.

use std::cmp::Ordering;

use crate::diagnostic::{Code, Diagnostic};
use crate::eval::measure;
use crate::model::{Comparison, Condition, Indicator, Quantity};

/// `target-adjusted-down` on the adjusted target, when the adjustment lowers it.
pub fn lowered(indicator: &Indicator) -> Option<Diagnostic> {
    let initial = indicator.initial.as_ref()?;
    let (now, before) = match (indicator.target.clauses(), initial.clauses()) {
        ([now], [before]) => (&now.condition, &before.condition),
        _ => return None,
    };
    down(now, before)?.then(|| {
        Diagnostic::new(Code::TargetAdjustedDown, indicator.target.span)
            .arg("name", &indicator.name)
            .arg("initial", &initial.text)
            .arg("adjusted", &indicator.target.text)
            .label(initial.span, "年初目标")
    })
}

/// Whether `now` asks less than `before`; `None` when they do not compare.
fn down(now: &Condition, before: &Condition) -> Option<bool> {
    match (now, before) {
        (
            Condition::Compare {
                op: Some(a),
                bound: x,
                ..
            },
            Condition::Compare {
                op: Some(b),
                bound: y,
                ..
            },
        ) => {
            let order = compare(x, y)?;
            let upper = |op: &Comparison| matches!(op, Comparison::Le | Comparison::Lt);
            match (upper(a), upper(b)) {
                (false, false) => Some(order == Ordering::Less),
                (true, true) => Some(order == Ordering::Greater),
                _ => None,
            }
        }
        (Condition::Range { low: x, .. }, Condition::Range { low: y, .. }) => {
            Some(compare(x, y)? == Ordering::Less)
        }
        (
            Condition::Deadline {
                year: y1,
                month: m1,
                day: d1,
            },
            Condition::Deadline {
                year: y2,
                month: m2,
                day: d2,
            },
        ) => {
            let key = |y: &Option<u32>, m: &Option<u32>, d: &Option<u32>| {
                (y.unwrap_or(0), m.unwrap_or(12), d.unwrap_or(31))
            };
            Some(key(y1, m1, d1) > key(y2, m2, d2))
        }
        _ => None,
    }
}

/// The adjusted bound against the initial one, in the initial one's unit.
fn compare(now: &Quantity, before: &Quantity) -> Option<Ordering> {
    if now.per != before.per {
        return None;
    }
    let value = measure::align(now, before).ok()?;
    Some(value.cmp(&before.value))
}
