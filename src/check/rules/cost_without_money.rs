//! `cost-without-money` (JX0208): a cost indicator whose target is not an amount of money
//! (`成本 成本控制率 <= 100%`, `产出.成本 成本控制 2023年12月前`), under the profiles that make cost
//! indicators a requirement (101号, Shanghai 2025): the 10号 default says nothing of their form.

use super::cost::is_economic_cost;
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::measure::Dimension;
use crate::model::{Clause, Spec};

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    if !settings.requirements().cost_required {
        return Vec::new();
    }
    spec.indicators()
        .map(|(_, i)| i)
        .filter(|i| is_economic_cost(i))
        // Unmeasurable text is the measure rules' finding already (no clauses).
        .filter(|i| !i.target.clauses().is_empty())
        .filter(|i| !i.target.clauses().iter().any(is_money))
        .map(|i| {
            Diagnostic::new(Code::CostWithoutMoney, i.target.span)
                .arg("name", &i.name)
                .arg("target", &i.target.text)
        })
        .collect()
}

fn is_money(clause: &Clause) -> bool {
    clause
        .condition
        .reference()
        .and_then(|q| q.unit)
        .is_some_and(|u| matches!(u.dimension, Dimension::Money | Dimension::UnitCost))
}
