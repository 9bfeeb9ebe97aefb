//! One indicator: its actual read with the value grammar, judged, scored by its rule, and the
//! figures the report gives for it audited.

use rust_decimal::Decimal;

use super::{Run, Tally, View};
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::actuals::{self, Entry, Field};
use crate::eval::audit::{Figure, audit, audit_score};
use crate::eval::formula;
use crate::eval::measure::{self, Actual};
use crate::eval::result::{ItemRow, Row};
use crate::eval::score::{self, Input, first_bound, n, round};
use crate::eval::verdict::{self, Judgement, Shape};
use crate::model::scoring::{Reverse, ScoreRule};
use crate::model::{GradeScale, Target};

impl<'a> Run<'a> {
    /// Judges and scores one indicator and pushes its row.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn item(
        &mut self,
        view: &View<'_>,
        weight: Decimal,
        depth: usize,
        decimals: u32,
        reverse: Reverse,
        scales: &[&GradeScale],
        rows: &mut Vec<Row>,
    ) -> Tally {
        let entry = self.matched.get(&view.node).copied();
        let rule = view.scoring.map_or(&ScoreRule::Default, |s| &s.rule);
        let actual = entry.and_then(|e| e.actual.as_ref());
        let mut read = actual.map(|field| self.read_actual(field, view.name, scales));
        let mut shown = actual.map(|f| f.text.clone());
        if read.is_none()
            && let Some(field) = entry.and_then(|e| e.formula.as_ref())
        {
            // Only the report's arithmetic is given: its result is the actual.
            read = self.formula_actual(field, view.target);
            shown = read.as_ref().map(|_| format!("= {}", field.text.trim()));
        }
        let baseline = entry
            .and_then(|e| e.baseline.as_ref())
            .and_then(|field| self.read_baseline(field, view.name, scales));
        let judgement = verdict::judge(view.target, read.as_ref(), baseline.as_ref());
        let deducted = matches!(rule, ScoreRule::Deductions) && entry.is_some();
        if read.is_none() && !deducted {
            self.spec_diagnostics.push(
                Diagnostic::new(Code::MissingActual, view.target.span).arg("name", view.name),
            );
        }
        let reported_field = entry.and_then(|e| e.score.as_ref());
        let reported = reported_field
            .and_then(|f| Figure::read(&f.text))
            .map(|f| f.plain());
        let deductions = entry.map_or(Decimal::ZERO, |e| self.deductions(e));
        let scored = score::score(&Input {
            weight,
            rule,
            target: view.target,
            judgement: &judgement,
            deductions,
            listed: entry.is_some(),
            reported,
            reverse,
            gates: view.scoring.map_or(&[], |s| s.gates.as_slice()),
        });
        let verdict = match rule {
            ScoreRule::Deductions if deductions > Decimal::ZERO => verdict::Verdict::NotMet {
                gap: Some(format!("扣 {} 分", n(deductions))),
            },
            ScoreRule::Deductions if deducted && read.is_none() => verdict::Verdict::Met,
            _ => judgement.verdict.clone(),
        };
        if let (Some(entry), Some(field)) = (entry, actual) {
            self.audit_item(view, entry, field, &judgement, &scored);
        }
        let rounded = scored.score.map(|s| round(s, decimals));
        rows.push(Row::Item(ItemRow {
            depth,
            name: view.name.to_owned(),
            target: view.target.text.clone(),
            actual: shown,
            verdict,
            weight,
            score: rounded,
            reported: reported_field.map(|f| f.text.clone()),
            reported_span: reported_field.map(|f| f.span),
            basis: scored.basis.clone(),
            span: view.target.span,
        }));
        if let (Some(entry), Some(exact), None) = (entry, scored.score, scored.outside_band) {
            self.audit_item_score(view.name, entry, exact, weight, decimals);
        }
        Tally {
            weight,
            score: rounded.unwrap_or(Decimal::ZERO),
            complete: rounded.is_some(),
            reported,
        }
    }

    pub(super) fn read_actual(
        &mut self,
        field: &Field,
        name: &str,
        scales: &[&GradeScale],
    ) -> Actual {
        measure::read_field(field, name, scales, &mut self.actuals_diagnostics)
    }

    /// The result of a `计算` formula as an actual in the target's unit (percent targets read a
    /// ratio as a percentage).
    pub(super) fn formula_actual(&mut self, field: &Field, target: &Target) -> Option<Actual> {
        let value = match formula::evaluate(&field.text) {
            Ok(v) => v,
            Err(reason) => {
                self.actuals_diagnostics.push(actuals::unreadable(
                    field.span,
                    format!("算式无法计算：{reason}"),
                    "只用数字、+ − × ÷、括号和 |绝对值|",
                ));
                return None;
            }
        };
        let bound = first_bound(target)?;
        let value = if bound.is_percent() {
            value.checked_mul(Decimal::ONE_HUNDRED)?
        } else {
            value
        };
        measure::sane(value).ok()?;
        Some(Actual::Values(vec![measure::Value::Number {
            quantity: crate::model::Quantity {
                value,
                ..bound.clone()
            },
            bound: None,
        }]))
    }

    pub(super) fn read_baseline(
        &mut self,
        field: &Field,
        name: &str,
        scales: &[&GradeScale],
    ) -> Option<crate::model::Quantity> {
        match self.read_actual(field, name, scales) {
            Actual::Values(values) => match values.into_iter().next() {
                Some(measure::Value::Number { quantity, .. }) => Some(quantity),
                _ => None,
            },
            _ => None,
        }
    }

    pub(super) fn deductions(&mut self, entry: &Entry) -> Decimal {
        let mut sum = Decimal::ZERO;
        for d in &entry.deductions {
            match Figure::read(&d.points.text) {
                Some(f) => sum = sum.saturating_add(f.plain()),
                None => self.actuals_diagnostics.push(actuals::unreadable(
                    d.points.span,
                    format!("扣分「{}」无法读取", d.points.text),
                    "写成数字，如 `分值 = \"1\"`",
                )),
            }
        }
        sum
    }

    /// The report's formula for the actual, the 130% rule, a qualitative score outside its band.
    pub(super) fn audit_item(
        &mut self,
        view: &View<'_>,
        entry: &Entry,
        field: &Field,
        judgement: &Judgement,
        scored: &score::Scored,
    ) {
        if let Some(formula_field) = &entry.formula {
            match formula::evaluate(&formula_field.text) {
                Ok(value) => {
                    let what = format!("「{}」的实际值", view.name);
                    let how = format!("报告的算式 {}", formula_field.text.trim());
                    if let Some(d) = audit(field, value, &what, &how) {
                        self.actuals_diagnostics.push(d);
                    }
                }
                Err(reason) => self.actuals_diagnostics.push(actuals::unreadable(
                    formula_field.span,
                    format!("算式无法计算：{reason}"),
                    "只用数字、+ − × ÷、括号和 |绝对值|",
                )),
            }
        }
        if let Some(first) = judgement.clauses.first()
            && let Shape::AtLeast { bound, .. } = first.shape
            && bound > Decimal::ZERO
            && first.actual.saturating_mul(Decimal::TEN)
                >= bound.saturating_mul(Decimal::new(13, 0))
        {
            let unit = first_bound(view.target).and_then(|b| b.unit.clone());
            let ratio = round(score::muldiv(first.actual, Decimal::ONE_HUNDRED, bound), 0);
            self.actuals_diagnostics.push(
                Diagnostic::new(Code::TargetTooLow, field.span)
                    .arg("name", view.name)
                    .arg("actual", measure::show(first.actual, unit.as_ref()))
                    .arg("target", measure::show(bound, unit.as_ref()))
                    .arg("ratio", format!("{ratio}%")),
            );
        }
        if scored.no_band {
            self.actuals_diagnostics.push(
                Diagnostic::new(Code::NoBand, field.span)
                    .arg("name", view.name)
                    .arg("actual", &field.text),
            );
        }
        if let (Some((low, high)), Some(reported)) = (scored.outside_band, &entry.score) {
            self.actuals_diagnostics.push(
                Diagnostic::new(Code::ScoreOutsideBand, reported.span)
                    .arg("name", view.name)
                    .arg("grade", judgement.completion.map_or("", |c| c.label()))
                    .arg("band", format!("{} 与 {} 分", n(low), n(high)))
                    .arg("reported", &reported.text),
            );
        }
    }

    /// The reported score against the computed one, and the reported 得分率.
    fn audit_item_score(
        &mut self,
        name: &str,
        entry: &Entry,
        exact: Decimal,
        weight: Decimal,
        decimals: u32,
    ) {
        if let Some(field) = &entry.score {
            let what = format!("「{name}」的得分");
            if let Some(d) = audit_score(field, exact, decimals, &what, "评分规则与实际值计算")
            {
                self.actuals_diagnostics.push(d.arg(
                    "help_detail",
                    "按报告自己的评分规则和数据重新计算这一项，或说明为何不按规则",
                ));
            }
        }
        if weight > Decimal::ZERO {
            let basis = entry
                .score
                .as_ref()
                .and_then(|f| Figure::read(&f.text))
                .map_or(exact, |f| f.plain());
            for field in &entry.rates {
                let what = format!("「{name}」的得分率");
                let how = format!("得分 {} ÷ 分值 {}", n(basis), n(weight));
                if let Some(stated) = basis.checked_div(weight)
                    && let Some(d) = audit(field, stated, &what, &how)
                {
                    self.actuals_diagnostics.push(d);
                }
            }
        }
    }
}
