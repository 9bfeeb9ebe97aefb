//! `missing-unit` (JX0104): a number with no unit of measure (`>= 50`). When the indicator's name
//! notes its unit (`处理时间(分钟)`), the fix writes it.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::measure;
use crate::model::polarity::unit_note;
use crate::model::{Condition, IndicatorRef, Quantity, Spec};
use crate::source::Span;

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for indicator in spec.all_indicators() {
        for clause in indicator.target.clauses() {
            let quantities: Vec<&Quantity> = match &clause.condition {
                Condition::Compare { bound, .. } => vec![bound],
                Condition::Range { low, high } => vec![low, high],
                Condition::Relative { amount, .. } => vec![amount],
                Condition::ZeroEvent { .. } | Condition::Deadline { .. } => vec![],
            };
            for q in quantities {
                if q.unit.is_none() && !q.value.is_zero() {
                    found.push(finding(indicator, q));
                }
            }
        }
    }
    found
}

fn finding(indicator: IndicatorRef<'_>, q: &Quantity) -> Diagnostic {
    let value = q.value.normalize().to_string();
    let diagnostic = Diagnostic::new(Code::MissingUnit, q.span).arg("value", &value);
    match unit_note(indicator.name).filter(|note| measure::unit(note).is_some()) {
        Some(note) => diagnostic
            .arg(
                "help_detail",
                format!("指标名称注明了单位「{note}」：写作 `{value}{note}`"),
            )
            .fix(
                format!("补上计量单位「{note}」"),
                Span::new(q.span.end, q.span.end),
                note,
            ),
        None => diagnostic.arg(
            "help_detail",
            format!("在数值后写计量单位，如 `{value}个`、`{value}%`、`{value}小时`"),
        ),
    }
}
