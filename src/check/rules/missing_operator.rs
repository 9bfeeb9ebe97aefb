//! `missing-operator` (JX0103): a bare value (`98%`) on an indicator whose name does not say
//! whether more or less is better.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Condition, Spec};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for indicator in spec.all_indicators() {
        for clause in indicator.target.clauses() {
            if let Condition::Compare {
                op: None, bound, ..
            } = &clause.condition
            {
                let written = indicator.target.text.as_str();
                found.push(
                    Diagnostic::new(Code::MissingOperator, bound.span)
                        .arg("text", written)
                        .arg("name", indicator.name)
                        .arg("value", bound.display().replace(' ', "")),
                );
            }
        }
    }
    found
}
