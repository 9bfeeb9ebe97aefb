//! `cost-over-budget` (JX0209): a total-cost target above the project's whole budget
//! (`成本 项目总成本 <= 150万元` in a project of 120 万元): the cap caps nothing.

use super::cost::{budget_total, in_wanyuan, is_economic_cost, upper_bound};
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (_, project) in spec.projects() {
        let Some(budget) = budget_total(&project.budget) else {
            continue;
        };
        for indicator in project.indicators.iter().filter(|i| is_economic_cost(i)) {
            let Some(cost) = upper_bound(indicator).and_then(in_wanyuan) else {
                continue;
            };
            if cost > budget {
                found.push(
                    Diagnostic::new(Code::CostOverBudget, indicator.target.span)
                        .arg("name", &indicator.name)
                        .arg("cost", cost.normalize())
                        .arg("project", &project.name)
                        .arg("budget", budget),
                );
            }
        }
    }
    found
}
