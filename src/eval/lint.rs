//! Lints on scoring rules (JX04xx): bands with gaps, overlaps or equal points; a rule whose best
//! score is not the weight; a rule that cannot apply to the target; group weights that do not
//! add up. They need the spec alone, so `jixiao check` and the editor report them too (through
//! `spec`); the 130% rule needs actuals and lives where actuals are read.

use rust_decimal::Decimal;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::scoring::{Band, Group, Member, ScoreRule, Scoring};
use crate::model::{Comparison, Condition, Quantity, Spec, Target};

use super::score::{first_bound, n};

/// Every problem of the spec's scoring: each indicator's rule, each group's weights.
pub fn spec(spec: &Spec) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (_, indicator) in spec.indicators() {
        if let Some(scoring) = &indicator.scoring {
            out.extend(rule(&indicator.name, &indicator.target, scoring));
        }
    }
    for group in spec.departments.iter().flat_map(|d| &d.groups) {
        group_weights(group, &mut out);
    }
    out
}

/// Lints a group and its members; returns the group's weight (stated, or its members' sum).
fn group_weights(group: &Group, out: &mut Vec<Diagnostic>) -> Decimal {
    let mut sum = Decimal::ZERO;
    for member in &group.members {
        sum += match member {
            Member::Group(inner) => group_weights(inner, out),
            Member::Indicator(indicator) => match &indicator.scoring {
                Some(scoring) => {
                    out.extend(rule(&indicator.name, &indicator.target, scoring));
                    scoring.weight
                }
                None => Decimal::ZERO,
            },
        };
    }
    match group.weight {
        Some(stated) if stated != sum => {
            out.push(
                Diagnostic::new(Code::WeightSum, group.weight_span.unwrap_or(group.span))
                    .arg("name", &group.name)
                    .arg("stated", n(stated))
                    .arg("sum", n(sum)),
            );
            stated
        }
        Some(stated) => stated,
        None => sum,
    }
}

/// Every problem of one indicator's rule.
pub fn rule(name: &str, target: &Target, scoring: &Scoring) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let needs_number = !matches!(
        scoring.rule,
        ScoreRule::Default | ScoreRule::AllOrNothing | ScoreRule::Deductions
    );
    let bound = first_bound(target);
    if needs_number && bound.is_none() {
        out.push(not_applicable(
            name,
            target,
            scoring,
            "指标值不是一个数值或区间",
            "把指标值写成数值（如 `>= 800篇`），或改用 `达标得满分`、`扣分`",
        ));
        return out;
    }
    if let Some(best) = best(scoring)
        && best != scoring.weight
    {
        out.push(
            Diagnostic::new(Code::BestScoreMismatch, scoring.span)
                .arg("name", name)
                .arg("weight", n(scoring.weight))
                .arg("best", n(best)),
        );
    }
    if let Some(unit) = bound.and_then(|b| b.unit.as_ref()) {
        for q in quantities(&scoring.rule) {
            if let Some(u) = &q.unit
                && !u.comparable(unit)
            {
                out.push(not_applicable(
                    name,
                    target,
                    scoring,
                    &format!(
                        "规则中的单位「{}」与指标值的单位「{}」无法换算",
                        u.symbol, unit.symbol
                    ),
                    "规则中的数值用与指标值相同（或可换算）的单位",
                ));
                break;
            }
        }
    }
    if let ScoreRule::Bands { bands } = &scoring.rule {
        out.extend(band_problems(name, bands));
    }
    out
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

/// The most a rule can give, where the rule says it.
fn best(scoring: &Scoring) -> Option<Decimal> {
    match &scoring.rule {
        ScoreRule::Steps { best, .. } => *best,
        ScoreRule::Bands { bands } => bands.iter().map(|b| b.points).max(),
        ScoreRule::Linear { from, to } => Some(from.points.max(to.points)),
        _ => None,
    }
}

fn quantities(rule: &ScoreRule) -> Vec<&Quantity> {
    match rule {
        ScoreRule::Linear { from, to } => vec![&from.at, &to.at],
        ScoreRule::Steps {
            size, zero_below, ..
        } => {
            let mut out = vec![size];
            out.extend(zero_below.as_ref().and_then(condition_bound));
            out
        }
        ScoreRule::Bands { bands } => bands
            .iter()
            .filter_map(|b| condition_bound(&b.condition))
            .collect(),
        _ => Vec::new(),
    }
}

fn condition_bound(condition: &Condition) -> Option<&Quantity> {
    match condition {
        Condition::Compare { bound, .. } => Some(bound),
        Condition::Range { high, .. } => Some(high),
        _ => None,
    }
}

/// An interval of values a band covers; `None` ends are unbounded.
#[derive(Clone, Copy, Debug)]
struct Interval {
    low: Option<(Decimal, bool)>,
    high: Option<(Decimal, bool)>,
}

fn interval(condition: &Condition) -> Option<Interval> {
    Some(match condition {
        Condition::Compare {
            op, stated, bound, ..
        } => {
            let v = bound.value;
            match (stated, op) {
                (false, _) | (true, Some(Comparison::Eq)) => Interval {
                    low: Some((v, true)),
                    high: Some((v, true)),
                },
                (true, Some(Comparison::Ge)) => Interval {
                    low: Some((v, true)),
                    high: None,
                },
                (true, Some(Comparison::Gt)) => Interval {
                    low: Some((v, false)),
                    high: None,
                },
                (true, Some(Comparison::Le)) => Interval {
                    low: None,
                    high: Some((v, true)),
                },
                (true, Some(Comparison::Lt)) => Interval {
                    low: None,
                    high: Some((v, false)),
                },
                _ => return None,
            }
        }
        Condition::Range { low, high } => Interval {
            low: Some((low.value, true)),
            high: Some((high.value, true)),
        },
        _ => return None,
    })
}

/// Gaps, overlaps, and points that do not fall as the bands fall.
fn band_problems(name: &str, bands: &[Band]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut spans: Vec<(Interval, &Band)> = bands
        .iter()
        .filter_map(|b| interval(&b.condition).map(|i| (i, b)))
        .collect();
    spans.sort_by(|a, b| {
        let key = |i: &Interval| i.low.map(|(v, _)| v);
        key(&a.0).cmp(&key(&b.0))
    });
    for pair in spans.windows(2) {
        let [(lower, lower_band), (upper, upper_band)] = pair else {
            continue;
        };
        let (Some((hi, hi_in)), Some((lo, lo_in))) = (lower.high, upper.low) else {
            if lower.high.is_none() {
                out.push(problem(
                    name,
                    upper_band,
                    format!("「{}」与「{}」重叠", lower_band.text, upper_band.text),
                ));
            }
            continue;
        };
        if hi < lo || (hi == lo && !hi_in && !lo_in) {
            out.push(problem(
                name,
                upper_band,
                format!(
                    "在「{}」与「{}」之间有缺口：{} 到 {} 之间的值不落在任何一档",
                    lower_band.text,
                    upper_band.text,
                    n(hi),
                    n(lo)
                ),
            ));
        } else if hi > lo || (hi == lo && hi_in && lo_in) {
            out.push(problem(
                name,
                upper_band,
                format!("「{}」与「{}」重叠", lower_band.text, upper_band.text),
            ));
        }
        if lower_band.points >= upper_band.points {
            out.push(problem(
                name,
                lower_band,
                format!(
                    "不单调：较低的「{}」得 {} 分，不少于较高的「{}」的 {} 分",
                    lower_band.text,
                    n(lower_band.points),
                    upper_band.text,
                    n(upper_band.points)
                ),
            ));
        }
    }
    out
}

fn problem(name: &str, band: &Band, detail: String) -> Diagnostic {
    Diagnostic::new(Code::BandProblem, band.span)
        .arg("name", name)
        .arg("detail", detail)
        .arg(
            "help_detail",
            "让各档首尾相接（如 `95%-100%`、`90%-95%`，或用 `小于`、`以上`），得分随档次递减",
        )
}
