//! `duplicate-indicator` (JX0201): two indicators of one project with the same name.

use std::collections::HashMap;

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut first = HashMap::new();
    for (_, project) in spec.projects() {
        first.clear();
        for indicator in &project.indicators {
            match first.get(indicator.name.as_str()) {
                Some(span) => found.push(
                    Diagnostic::new(Code::DuplicateIndicator, indicator.name_span)
                        .arg("name", &indicator.name)
                        .label(*span, "第一次出现"),
                ),
                None => {
                    first.insert(indicator.name.as_str(), indicator.name_span);
                }
            }
        }
    }
    found
}
