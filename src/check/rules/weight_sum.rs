//! `weight-sum` (JX0403): a group (组) whose stated weight is not the sum of its members'.

use rust_decimal::Decimal;

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;
use crate::model::scoring::{Group, Member};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for group in spec.departments.iter().flat_map(|d| &d.groups) {
        group_weights(group, &mut out);
    }
    out
}

/// Lints a group and its members; returns the group's weight (stated, or its members' sum).
fn group_weights(group: &Group, out: &mut Vec<Diagnostic>) -> Decimal {
    let mut sum = Decimal::ZERO;
    for member in &group.members {
        sum += match member {
            Member::Group(inner) => group_weights(inner, out),
            Member::Indicator(indicator) => match &indicator.scoring {
                Some(scoring) => scoring.weight,
                None => Decimal::ZERO,
            },
        };
    }
    match group.weight {
        Some(stated) if stated != sum => {
            out.push(
                Diagnostic::new(Code::WeightSum, group.weight_span.unwrap_or(group.span))
                    .arg("name", &group.name)
                    .arg("stated", stated.normalize().to_string())
                    .arg("sum", sum.normalize().to_string()),
            );
            stated
        }
        Some(stated) => stated,
        None => sum,
    }
}
