//! `bad-range` (JX0107): a range whose ends are inverted or equal, or clauses joined by 且 that
//! cannot all hold (`> 90% 且 < 80%` on the same subject).

use rust_decimal::Decimal;

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Clause, Comparison, Condition, Quantity, Spec};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for indicator in spec.all_indicators() {
        let clauses = indicator.target.clauses();
        for clause in clauses {
            if let Condition::Range { low, high, .. } = &clause.condition {
                found.extend(range(clause, low, high));
            }
        }
        for (i, a) in clauses.iter().enumerate() {
            for b in clauses.iter().skip(i + 1) {
                found.extend(contradiction(a, b));
            }
        }
    }
    found
}

fn range(clause: &Clause, low: &Quantity, high: &Quantity) -> Option<Diagnostic> {
    let low_value = low
        .unit
        .as_ref()
        .zip(high.unit.as_ref())
        .map_or(Some(low.value), |(a, b)| a.convert(low.value, b))?;
    let diagnostic = Diagnostic::new(Code::BadRange, clause.span);
    if low_value > high.value {
        let swapped = format!("{}-{}", strip(high), strip(low));
        return Some(
            diagnostic
                .arg(
                    "detail",
                    format!(
                        "区间下限 {} 大于上限 {}，没有值能满足",
                        low.display(),
                        high.display()
                    ),
                )
                .arg("label", "区间颠倒")
                .arg("help_detail", format!("先写下限、后写上限：`{swapped}`"))
                .fix("交换区间两端", low.span.join(high.span), swapped),
        );
    }
    if low_value == high.value {
        return Some(
            diagnostic
                .arg("detail", format!("区间上下限都是 {}", high.display()))
                .arg("label", "上下限相同")
                .arg(
                    "help_detail",
                    format!("写成单一目标值：`= {}`", strip(high)),
                ),
        );
    }
    None
}

/// A quantity as a range end is written back: number, then unit.
fn strip(q: &Quantity) -> String {
    q.display().replace(' ', "")
}

/// One side of an interval: the bound, and whether it is included.
struct Bound {
    value: Decimal,
    inclusive: bool,
}

fn contradiction(a: &Clause, b: &Clause) -> Option<Diagnostic> {
    if a.subject != b.subject || unit(a) != unit(b) {
        return None;
    }
    let (lo, hi) = match (interval(a)?, interval(b)?) {
        ((Some(lo), None), (None, Some(hi))) | ((None, Some(hi)), (Some(lo), None)) => (lo, hi),
        _ => return None,
    };
    let empty = lo.value > hi.value || (lo.value == hi.value && !(lo.inclusive && hi.inclusive));
    if !empty {
        return None;
    }
    Some(
        Diagnostic::new(Code::BadRange, b.span)
            .arg("detail", "用“且”连接的条件不能同时成立")
            .arg("label", "与前一条件矛盾")
            .arg(
                "help_detail",
                "检查比较符的方向，或改写为区间，如 `80%-90%`",
            )
            .label(a.span, "前一条件"),
    )
}

/// The unit of a comparison's bound; clauses in different units are not compared.
fn unit(clause: &Clause) -> Option<&'static str> {
    match &clause.condition {
        Condition::Compare { bound, .. } => bound.unit.as_ref().map(|u| u.symbol),
        _ => None,
    }
}

/// The interval a stated one-sided comparison allows.
fn interval(clause: &Clause) -> Option<(Option<Bound>, Option<Bound>)> {
    let Condition::Compare {
        op: Some(op),
        stated: true,
        bound,
        ..
    } = &clause.condition
    else {
        return None;
    };
    let value = bound.value;
    Some(match op {
        Comparison::Gt => (
            Some(Bound {
                value,
                inclusive: false,
            }),
            None,
        ),
        Comparison::Ge => (
            Some(Bound {
                value,
                inclusive: true,
            }),
            None,
        ),
        Comparison::Lt => (
            None,
            Some(Bound {
                value,
                inclusive: false,
            }),
        ),
        Comparison::Le => (
            None,
            Some(Bound {
                value,
                inclusive: true,
            }),
        ),
        Comparison::Eq | Comparison::Ne => return None,
    })
}
