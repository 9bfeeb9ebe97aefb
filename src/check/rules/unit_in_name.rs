//! `unit-in-name` (JX0113): a number whose unit only the name notes (`处理时间(分钟) 50`): it can be
//! checked, and the fix writes the unit into the value.

use crate::check::measurability::unitless;
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;
use crate::model::measure;
use crate::model::polarity::unit_note;
use crate::source::Span;

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    unitless(spec)
        .filter_map(|(indicator, q)| {
            let note = unit_note(indicator.name).filter(|n| measure::unit(n).is_some())?;
            let value = q.value.normalize().to_string();
            Some(
                Diagnostic::new(Code::UnitInName, q.span)
                    .arg("value", &value)
                    .arg("unit", note)
                    .fix(
                        format!("补上计量单位「{note}」"),
                        Span::new(q.span.end, q.span.end),
                        note,
                    ),
            )
        })
        .collect()
}
