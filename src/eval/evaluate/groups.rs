//! The groups (组) of a 部门整体 rubric: their totals, and the audit of the figures a report
//! gives for them.

use rust_decimal::Decimal;

use super::{Run, Tally, View, grade, key, rate};
use crate::eval::actuals::{Actuals, Reported};
use crate::eval::audit::{Figure, audit, audit_score};
use crate::eval::result::{GroupRow, Row, Section};
use crate::eval::score::{n, round};
use crate::model::scoring::{Group, GroupIndicator, Member, Reverse, Settings};
use crate::model::{Department, GradeScale};

impl<'a> Run<'a> {
    pub(super) fn department(
        &mut self,
        department: &'a Department,
        settings: &Settings,
        scales: &[&GradeScale],
        actuals: &'a Actuals,
    ) -> Section {
        let (decimals, reverse) = self.arithmetic(settings);
        let mut rows = Vec::new();
        let mut total = Tally::empty();
        for group in &department.groups {
            total.add(self.group(group, 0, decimals, reverse, scales, actuals, &mut rows));
        }
        let score = round(total.score, decimals);
        let weight = total.weight;
        if let Some(reported) = &actuals.total {
            let tally = Tally { score, ..total };
            self.audit_reported(reported, "总分", &tally, decimals);
        }
        Section {
            title: department.name.clone(),
            rows,
            execution: None,
            weight,
            score,
            rate: rate(score, weight),
            grade: grade(settings, score, weight),
            decimals,
        }
    }

    /// A group's rows and its tally; upward, the report's own figure for it stands for the
    /// scores it gives.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn group(
        &mut self,
        group: &'a Group,
        depth: usize,
        decimals: u32,
        reverse: Reverse,
        scales: &[&GradeScale],
        actuals: &'a Actuals,
        rows: &mut Vec<Row>,
    ) -> Tally {
        let header = rows.len();
        rows.push(Row::Group(GroupRow {
            depth,
            name: group.name.clone(),
            weight: Decimal::ZERO,
            score: Decimal::ZERO,
            rate: Decimal::ZERO,
        }));
        let visible: Vec<&GradeScale> = group.scales.iter().chain(scales.iter().copied()).collect();
        let scales = visible.as_slice();
        let mut tally = Tally::empty();
        for member in &group.members {
            let part = match member {
                Member::Group(g) => {
                    self.group(g, depth + 1, decimals, reverse, scales, actuals, rows)
                }
                Member::Indicator(boxed) => {
                    let i: &GroupIndicator = boxed;
                    let view = View {
                        name: &i.name,
                        target: &i.target,
                        scoring: i.scoring.as_ref(),
                        node: key(i),
                    };
                    let weight = i.scoring.as_ref().map_or(Decimal::ZERO, |s| s.weight);
                    self.item(&view, weight, depth + 1, decimals, reverse, scales, rows)
                }
            };
            tally.add(part);
        }
        tally.weight = group.weight.unwrap_or(tally.weight);
        let found = actuals
            .groups
            .iter()
            .find(|g| g.name.as_ref().is_some_and(|f| f.text.trim() == group.name));
        if let Some(found) = found {
            let what = format!("组「{}」的得分", group.name);
            self.audit_reported(found, &what, &tally, decimals);
        }
        if let Some(Row::Group(row)) = rows.get_mut(header) {
            row.weight = tally.weight;
            row.score = tally.score;
            row.rate = rate(tally.score, tally.weight);
        }
        let stated = found
            .and_then(|g| g.score.as_ref())
            .and_then(|f| Figure::read(&f.text))
            .map(|f| f.plain());
        Tally {
            reported: stated.or(tally.reported),
            ..tally
        }
    }

    /// Audits a reported group or total: the report's own sum, the computed score (when every
    /// part of it could be computed), 得分率.
    fn audit_reported(&mut self, reported: &Reported, what: &str, tally: &Tally, decimals: u32) {
        let stated_score = reported.score.as_ref().and_then(|f| Figure::read(&f.text));
        if let Some(field) = &reported.score {
            let sum = tally.reported;
            if let Some(sum) = sum
                && let Some(d) = audit_score(field, sum, decimals, what, "报告所列各项得分相加")
            {
                self.actuals_diagnostics.push(d);
            }
            if let Some(computed) = tally.computed()
                && sum != Some(computed)
                && let Some(d) =
                    audit_score(field, computed, decimals, what, "评分规则与实际值计算")
            {
                self.actuals_diagnostics.push(d);
            }
        }
        let weight = tally.weight;
        let basis = stated_score.map_or(tally.score, |f| f.plain());
        if weight > Decimal::ZERO {
            for field in &reported.rates {
                let how = format!("得分 {} ÷ 分值 {}", n(basis), n(weight));
                if let Some(stated) = basis.checked_div(weight)
                    && let Some(d) = audit(field, stated, &format!("{what}率"), &how)
                {
                    self.actuals_diagnostics.push(d);
                }
            }
        }
    }
}
