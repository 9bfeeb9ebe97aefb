//! What the cost rules share: which indicators are cost indicators that should be money, the
//! upper bound a target sets, and a project's budget.

use rust_decimal::Decimal;

use crate::model::measure::Dimension;
use crate::model::{Budget, Comparison, Condition, Fund, Indicator, Level1, Level2, Quantity};

/// A cost indicator measured in money: 成本 (or its 经济成本), or 产出.成本. Social and
/// ecological costs (社会成本, 生态环境成本) are not money and are left out.
pub fn is_economic_cost(indicator: &Indicator) -> bool {
    let category = &indicator.category;
    match category.level2 {
        Some(Level2::Cost | Level2::EconomicCost) => true,
        None => category.level1 == Level1::Cost,
        Some(_) => false,
    }
}

/// The bound of a single-comparison target that caps the value (`<= 120万元`, `= 120万元`,
/// a bare `120万元`), with its quantity.
pub fn upper_bound(indicator: &Indicator) -> Option<&Quantity> {
    let [clause] = indicator.target.clauses() else {
        return None;
    };
    match &clause.condition {
        Condition::Compare {
            op: None | Some(Comparison::Le | Comparison::Lt | Comparison::Eq),
            bound,
            ..
        } => Some(bound),
        Condition::Range { high, .. } => Some(high),
        _ => None,
    }
}

/// A money quantity in 万元, exactly.
pub fn in_wanyuan(quantity: &Quantity) -> Option<Decimal> {
    let unit = quantity.unit.as_ref()?;
    (unit.dimension == Dimension::Money).then_some(())?;
    let wanyuan = crate::model::measure::unit("万元")?;
    unit.convert(quantity.value, &wanyuan)
}

/// The project's whole budget in 万元: its 总计, else the sum of its funds; `None` when the two
/// disagree (`amount-mismatch` reports that, and neither figure can be trusted here).
pub fn budget_total(budget: &Budget) -> Option<Decimal> {
    let parts: Vec<Decimal> = [Fund::Fiscal, Fund::Special, Fund::Other]
        .into_iter()
        .filter_map(|f| budget.get(f).map(|a| a.value))
        .collect();
    let sum = (!parts.is_empty()).then(|| parts.iter().sum::<Decimal>());
    match (budget.get(Fund::Total).map(|a| a.value), sum) {
        (Some(total), Some(sum)) => (total == sum).then_some(total),
        (total, sum) => total.or(sum),
    }
}
