//! A project scored by the 10号 sections: 产出 50, 效益 30, 满意度 10 and 预算执行率 10 (or the
//! spec's `计分` split), shared equally among indicators without a weight.

use rust_decimal::Decimal;

use super::{Run, Tally, View, grade, key, rate};
use crate::eval::actuals::{self, Field, ProjectFigures};
use crate::eval::audit::{Figure, audit, audit_score};
use crate::eval::measure;
use crate::eval::result::{Execution, GroupRow, Row, Section};
use crate::eval::score::round;
use crate::model::scoring::Settings;
use crate::model::{GradeScale, Indicator, Level1, Project};

/// 财预〔2020〕10号 default split of a project's 100 points.
const OUTPUT_POINTS: i64 = 50;
const BENEFIT_POINTS: i64 = 30;
const SATISFACTION_POINTS: i64 = 10;
const EXECUTION_POINTS: i64 = 10;

impl<'a> Run<'a> {
    pub(super) fn project(
        &mut self,
        project: &'a Project,
        settings: &Settings,
        scales: &[&GradeScale],
        figures: Option<&'a ProjectFigures>,
    ) -> Section {
        let (decimals, reverse) = self.arithmetic(settings);
        let mut rows = Vec::new();
        let mut total = Tally::empty();
        for (level1, default, label) in [
            (Level1::Output, OUTPUT_POINTS, "产出指标"),
            (Level1::Benefit, BENEFIT_POINTS, "效益指标"),
            (Level1::Satisfaction, SATISFACTION_POINTS, "满意度指标"),
        ] {
            let points = split_points(settings, level1.label(), default);
            // 成本 (a 一级 since 财预〔2021〕101号) shares the 产出 points of 10号.
            let members: Vec<&Indicator> = project
                .indicators
                .iter()
                .filter(|i| category_points(i.category.level1) == level1)
                .collect();
            if members.is_empty() {
                continue;
            }
            let header = rows.len();
            rows.push(Row::Group(GroupRow {
                depth: 0,
                name: label.to_owned(),
                weight: Decimal::ZERO,
                score: Decimal::ZERO,
                rate: Decimal::ZERO,
            }));
            let weights = split(points, &members, decimals);
            let mut part = Tally::empty();
            for (indicator, w) in members.iter().zip(weights) {
                let view = View {
                    name: &indicator.name,
                    target: &indicator.target,
                    scoring: indicator.scoring.as_ref(),
                    node: key(*indicator),
                };
                part.add(self.item(&view, w, 1, decimals, reverse, scales, &mut rows));
            }
            if let Some(Row::Group(row)) = rows.get_mut(header) {
                row.weight = part.weight;
                row.score = part.score;
                row.rate = rate(part.score, part.weight);
            }
            total.add(part);
        }
        let execution_points = split_points(settings, "预算执行率", EXECUTION_POINTS);
        let execution = figures.and_then(|f| self.execution(f, decimals, execution_points));
        if let Some(e) = &execution {
            total.weight += e.weight;
            total.score += e.score;
        }
        let (weight, score) = (total.weight, round(total.score, decimals));
        if let Some(field) = figures.and_then(|f| f.score.as_ref())
            && total.complete
            && let Some(d) = audit_score(
                field,
                score,
                decimals,
                &format!("项目「{}」的总分", project.name),
                "各项得分与预算执行率得分之和",
            )
        {
            self.actuals_diagnostics.push(d);
        }
        Section {
            title: project.name.clone(),
            rows,
            execution,
            weight,
            score,
            rate: rate(score, weight),
            grade: grade(settings, score, weight),
            decimals,
        }
    }

    /// 预算执行率 score = 10 × 全年执行数 / 全年预算数, at most 10 (domain.md §7.4).
    pub(super) fn execution(
        &mut self,
        figures: &ProjectFigures,
        decimals: u32,
        weight: Decimal,
    ) -> Option<Execution> {
        let budget = self.amount(figures.budget.as_ref()?)?;
        let spent = self.amount(figures.spent.as_ref()?)?;
        if budget <= Decimal::ZERO {
            return None;
        }
        let ratio = spent.checked_div(budget)?;
        let exact = weight.saturating_mul(ratio).min(weight);
        if let Some(field) = &figures.rate
            && let Some(d) = audit(field, ratio, "预算执行率", "全年执行数 ÷ 全年预算数")
        {
            self.actuals_diagnostics.push(d);
        }
        if let Some(field) = &figures.execution_score
            && let Some(d) = audit(field, exact, "预算执行率得分", "分值 × 执行率")
        {
            self.actuals_diagnostics.push(d);
        }
        Some(Execution {
            budget,
            spent,
            rate: round(ratio.saturating_mul(Decimal::ONE_HUNDRED), 2),
            weight,
            score: round(exact, decimals),
        })
    }

    pub(super) fn amount(&mut self, field: &Field) -> Option<Decimal> {
        let value = Figure::read(&field.text)
            .map(|f| f.plain())
            .filter(|v| measure::sane(*v).is_ok());
        if value.is_none() {
            self.actuals_diagnostics.push(actuals::unreadable(
                field.span,
                format!("金额「{}」无法读取", field.text),
                "写成万元数，如 `430.00`",
            ));
        }
        value
    }
}

/// The points of one part of a project: the spec's `计分` split, or 10号's default.
pub(super) fn split_points(settings: &Settings, word: &str, default: i64) -> Decimal {
    settings
        .split
        .iter()
        .find(|(w, _)| w == word)
        .map_or(Decimal::from(default), |(_, p)| *p)
}

pub(super) fn category_points(level1: Level1) -> Level1 {
    match level1 {
        Level1::Cost => Level1::Output,
        other => other,
    }
}

/// Explicit weights stand; the rest of the category's points are shared equally by the others,
/// each share rounded to the `decimals` scores keep and the last taking what is left, so the
/// weights add up to the points exactly (50 / 3 is 16.67 + 16.67 + 16.66).
pub(super) fn split(points: Decimal, members: &[&Indicator], decimals: u32) -> Vec<Decimal> {
    let explicit: Decimal = members
        .iter()
        .filter_map(|i| i.scoring.as_ref())
        .map(|s| s.weight)
        .sum();
    let open = members.iter().filter(|i| i.scoring.is_none()).count();
    let share = if open == 0 {
        Decimal::ZERO
    } else {
        round(
            (points - explicit).max(Decimal::ZERO) / Decimal::from(open),
            decimals,
        )
    };
    let last_open = members.iter().rposition(|i| i.scoring.is_none());
    let mut given = Decimal::ZERO;
    let mut out = Vec::with_capacity(members.len());
    for (index, indicator) in members.iter().enumerate() {
        let weight = match &indicator.scoring {
            Some(s) => s.weight,
            None if Some(index) == last_open => (points - explicit).max(Decimal::ZERO) - given,
            None => {
                given += share;
                share
            }
        };
        out.push(weight);
    }
    out
}
