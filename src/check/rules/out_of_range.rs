//! `out-of-range` (JX0106): a rate, coverage or satisfaction target in % outside 0–100%.

use rust_decimal::Decimal;

use crate::check::vocabulary::is_rate;
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Condition, Level1, Quantity, Spec};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for indicator in spec.all_indicators() {
        let rate = is_rate(indicator.name)
            || indicator.name.ends_with("满意度")
            || indicator.level1() == Some(Level1::Satisfaction);
        if !rate {
            continue;
        }
        for clause in indicator.target.clauses() {
            let quantities: Vec<&Quantity> = match &clause.condition {
                Condition::Compare { bound, .. } => vec![bound],
                Condition::Range { low, high, .. } => vec![low, high],
                _ => vec![],
            };
            for q in quantities {
                if q.is_percent() && (q.value > Decimal::ONE_HUNDRED || q.value.is_sign_negative())
                {
                    found.push(
                        Diagnostic::new(Code::OutOfRange, q.span)
                            .arg("name", indicator.name)
                            .arg("value", q.display()),
                    );
                }
            }
        }
    }
    found
}
