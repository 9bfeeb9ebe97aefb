//! `duplicate-indicator` (JX0201): two indicators of one project, or of one scored group (组), with
//! the same name.

use std::collections::HashMap;

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;
use crate::model::scoring::{Group, Member};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut first = HashMap::new();
    let projects = spec.projects().map(|(_, p)| {
        let names = p.indicators.iter().map(|i| (i.name.as_str(), i.name_span));
        names.collect::<Vec<_>>()
    });
    let groups = (spec.departments.iter())
        .flat_map(|d| &d.groups)
        .flat_map(Group::groups)
        .map(|g| {
            let direct = g.members.iter().filter_map(|m| match m {
                Member::Indicator(i) => Some((i.name.as_str(), i.name_span)),
                Member::Group(_) => None,
            });
            direct.collect::<Vec<_>>()
        });
    for names in projects.chain(groups) {
        first.clear();
        for (name, span) in names {
            match first.get(name) {
                Some(earlier) => found.push(
                    Diagnostic::new(Code::DuplicateIndicator, span)
                        .arg("name", name)
                        .label(*earlier, "第一次出现"),
                ),
                None => {
                    first.insert(name, span);
                }
            }
        }
    }
    found
}
