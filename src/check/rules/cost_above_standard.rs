//! `cost-above-standard` (JX0211): a unit cost set above the 支出标准 the finance bureau
//! configures (`[[standards]] item = "培训费", max = "450元/人"`): the target plans to spend more
//! per head than the rules allow.

use super::cost::{is_economic_cost, upper_bound};
use crate::check::configured;
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for standard in &settings.standards {
        let Some(max) = configured::quantity(&standard.max) else {
            continue;
        };
        let Some(max_unit) = &max.unit else { continue };
        let costs = spec
            .indicators()
            .map(|(_, i)| i)
            .filter(|i| is_economic_cost(i) && i.name.contains(standard.item.as_str()));
        for indicator in costs {
            let Some(bound) = upper_bound(indicator) else {
                continue;
            };
            let value = bound
                .unit
                .as_ref()
                .and_then(|u| u.convert(bound.value, max_unit));
            if value.is_some_and(|v| v > max.value) {
                let basis = standard
                    .basis
                    .as_deref()
                    .map_or(String::new(), |b| format!("（{b}）"));
                found.push(
                    Diagnostic::new(Code::CostAboveStandard, bound.span)
                        .arg("name", &indicator.name)
                        .arg("stated", bound.display())
                        .arg("item", &standard.item)
                        .arg("max", &standard.max)
                        .arg("basis", basis),
                );
            }
        }
    }
    found
}
