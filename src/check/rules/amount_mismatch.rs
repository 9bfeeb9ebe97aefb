//! `amount-mismatch` (JX0301): amounts that do not add up. A project's 总计 against its funding
//! columns; each column of a budget unit against its projects; of a department against its units.

use rust_decimal::Decimal;

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Amount, Budget, Fund, Spec};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for department in &spec.departments {
        let budgets: Vec<&Budget> = department.agencies.iter().map(|a| &a.budget).collect();
        found.extend(columns("部门", &department.budget, &budgets, "各预算单位"));
        for agency in &department.agencies {
            let budgets: Vec<&Budget> = agency.projects.iter().map(|p| &p.budget).collect();
            found.extend(columns("预算单位", &agency.budget, &budgets, "各项目"));
            for project in &agency.projects {
                found.extend(sources(&project.budget));
            }
        }
    }
    found
}

/// A project's 总计 against the sum of its funding columns.
fn sources(budget: &Budget) -> Option<Diagnostic> {
    let total = budget.total?;
    let parts: Vec<&Amount> = Fund::SOURCES
        .iter()
        .filter_map(|f| budget.get(*f))
        .collect();
    if parts.is_empty() {
        return None;
    }
    let sum: Decimal = parts.iter().map(|a| a.value).sum();
    if sum == total.value {
        return None;
    }
    let mut diagnostic = mismatch("项目", "总计", total, sum, "各资金来源").arg(
        "help_detail",
        "核对各资金来源列：总计 = 财政拨款 + 财政专户拨款 + 其他资金",
    );
    for fund in Fund::SOURCES {
        if let Some(amount) = budget.get(fund) {
            diagnostic =
                diagnostic.label(amount.span, format!("{} {}", fund.label(), amount.value));
        }
    }
    Some(diagnostic)
}

/// Each column written on a parent against the sum of that column over its children.
fn columns(what: &str, parent: &Budget, children: &[&Budget], parts: &str) -> Vec<Diagnostic> {
    if children.iter().all(|b| b.is_empty()) {
        return Vec::new();
    }
    Fund::ALL
        .iter()
        .filter_map(|fund| {
            let stated = parent.get(*fund)?;
            let sum: Decimal = children.iter().map(|b| column(b, *fund)).sum();
            (sum != stated.value).then(|| {
                mismatch(what, fund.label(), *stated, sum, parts).arg(
                    "help_detail",
                    format!("核对{parts}的{}列，或{what}的合计数", fund.label()),
                )
            })
        })
        .collect()
}

/// A child's amount in one column; a missing 总计 is the sum of its sources.
fn column(budget: &Budget, fund: Fund) -> Decimal {
    match (fund, budget.get(fund)) {
        (_, Some(amount)) => amount.value,
        (Fund::Total, None) => Fund::SOURCES
            .iter()
            .filter_map(|f| budget.get(*f))
            .map(|a| a.value)
            .sum(),
        (_, None) => Decimal::ZERO,
    }
}

fn mismatch(what: &str, column: &str, stated: Amount, sum: Decimal, parts: &str) -> Diagnostic {
    Diagnostic::new(Code::AmountMismatch, stated.span)
        .arg("what", what)
        .arg("column", column)
        .arg("stated", format!("{:.2}", stated.value))
        .arg("parts", parts)
        .arg("sum", format!("{sum:.2}"))
        .arg("diff", format!("{:.2}", (stated.value - sum).abs()))
}
