//! `rule-not-applicable` (JX0404): a scoring rule that compares numbers on a target that is no
//! number, or whose values are in a unit the target's cannot be converted to.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::measure::{Dimension, Unit};
use crate::model::scoring::{BandTest, ScoreRule, Scoring};
use crate::model::{Condition, Quantity, Spec, Target};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    spec.scored()
        .filter_map(|(name, target, scoring)| problem(name, target, scoring))
        .collect()
}

fn problem(name: &str, target: &Target, scoring: &Scoring) -> Option<Diagnostic> {
    let subjects: Vec<&str> = (target.clauses().iter())
        .filter_map(|c| c.subject.as_deref())
        .collect();
    if let Some(gate) = scoring
        .gates
        .iter()
        .find(|g| !subjects.contains(&g.as_str()))
    {
        return Some(not_applicable(
            name,
            target,
            scoring,
            &format!("「{gate}未达要求不得分」说的「{gate}」不是指标值中的条件"),
            "把这一条件写进指标值（如 `分类准确率 >= 90%；当月分类率 >= 95%`），评分规则才能检查它",
        ));
    }
    let needs_number = match &scoring.rule {
        ScoreRule::Default | ScoreRule::AllOrNothing | ScoreRule::Deductions => false,
        ScoreRule::Bands { bands } => bands
            .iter()
            .any(|b| matches!(b.test, BandTest::Value { .. })),
        _ => true,
    };
    if needs_number && target.reference().is_none() {
        return Some(not_applicable(
            name,
            target,
            scoring,
            "指标值不是一个数值或区间",
            "把指标值写成数值（如 `>= 800篇`），或改用 `达标得满分`、`扣分`",
        ));
    }
    // A rule's value may belong to any clause of the target (`每少1场…，每超1个百分点…`).
    let units: Vec<Unit> = target
        .clauses()
        .iter()
        .filter_map(|c| c.condition.reference()?.unit)
        .collect();
    let stray = quantities(&scoring.rule).into_iter().find_map(|q| {
        let unit = q.unit.as_ref()?;
        let fits = units.is_empty() || units.iter().any(|u| fits(unit, u));
        (!fits).then_some((unit, units.first()?))
    })?;
    Some(not_applicable(
        name,
        target,
        scoring,
        &format!(
            "规则中的单位「{}」与指标值的单位「{}」无法换算",
            stray.0.symbol, stray.1.symbol
        ),
        "规则中的数值用与指标值相同（或可换算）的单位",
    ))
}

/// Convertible, or a step of 个百分点 on a percentage.
fn fits(rule: &Unit, target: &Unit) -> bool {
    rule.comparable(target)
        || (rule.dimension == Dimension::PercentagePoint && target.symbol == "%")
}

fn quantities(rule: &ScoreRule) -> Vec<&Quantity> {
    match rule {
        ScoreRule::Linear { from, to } => vec![&from.at, &to.at],
        ScoreRule::Steps {
            terms, zero_below, ..
        } => {
            let mut out: Vec<&Quantity> = terms.iter().map(|t| &t.size).collect();
            out.extend(zero_below.as_ref().and_then(bound));
            out
        }
        ScoreRule::Bands { bands } => bands
            .iter()
            .filter_map(|b| match &b.test {
                BandTest::Value { condition } => bound(condition),
                BandTest::Grade { .. } => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn bound(condition: &Condition) -> Option<&Quantity> {
    match condition {
        Condition::Compare { bound, .. } => Some(bound),
        Condition::Range { high, .. } => Some(high),
        _ => None,
    }
}

fn not_applicable(
    name: &str,
    target: &Target,
    scoring: &Scoring,
    reason: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic::new(Code::RuleNotApplicable, scoring.span)
        .arg("name", name)
        .arg("target", &target.text)
        .arg("reason", reason)
        .arg("help_detail", help)
}
