//! `unit-cost-over-budget` (JX0210): a unit cost times the quantity it is a cost of exceeds the
//! project's budget (`成本 人均培训成本 <= 550元/人` and `产出.数量 培训人数 >= 3000人` in a project
//! of 120 万元: 165 万元 at the least), so the targets and the budget do not reconcile.

use rust_decimal::Decimal;

use super::cost::{budget_total, is_economic_cost, upper_bound};
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::measure::Dimension;
use crate::model::{Comparison, Condition, Indicator, Level2, Project, Spec};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (_, project) in spec.projects() {
        let Some(budget) = budget_total(&project.budget) else {
            continue;
        };
        for cost in project.indicators.iter().filter(|i| is_economic_cost(i)) {
            let Some(bound) = upper_bound(cost) else {
                continue;
            };
            let Some(unit) = bound
                .unit
                .as_ref()
                .filter(|u| u.dimension == Dimension::UnitCost)
            else {
                continue;
            };
            // `元/人` is a cost per 人: the 数量 target counted in 人.
            let Some(per) = unit.symbol.strip_prefix("元/") else {
                continue;
            };
            for (quantity, count) in least_counts(project, per) {
                let Some(total) = bound
                    .value
                    .checked_mul(count)
                    .and_then(|yuan| yuan.checked_div(Decimal::from(10_000)))
                else {
                    continue;
                };
                if total > budget {
                    found.push(
                        Diagnostic::new(Code::UnitCostOverBudget, cost.target.span)
                            .arg("name", &cost.name)
                            .arg("unit_cost", &cost.target.text)
                            .arg("quantity", &quantity.name)
                            .arg("count", &quantity.target.text)
                            .arg("total", total.round_dp(2))
                            .arg("budget", budget),
                    );
                }
            }
        }
    }
    found
}

/// The 数量 indicators counted in `per`, each with the least quantity its target asks for
/// (`>= 3000人`, `= 3000人`, the low end of `2800-3000人`).
fn least_counts<'p>(project: &'p Project, per: &str) -> Vec<(&'p Indicator, Decimal)> {
    project
        .indicators
        .iter()
        .filter(|i| i.category.level2 == Some(Level2::Quantity))
        .filter_map(|i| {
            let [clause] = i.target.clauses() else {
                return None;
            };
            let low = match &clause.condition {
                Condition::Compare {
                    op: Some(Comparison::Ge | Comparison::Gt | Comparison::Eq) | None,
                    bound,
                    ..
                } => bound,
                Condition::Range { low, .. } => low,
                _ => return None,
            };
            let unit = low.unit.as_ref()?;
            (unit.symbol == per).then_some((i, low.value))
        })
        .collect()
}
