//! The standard to date of one indicator and its light: cumulative quantities and rates per
//! period pro-rated (标准值 = 年度指标值 × N / 12), levels compared with the full target (or
//! pro-rated, as a setting), reverse targets and 质量 / 时效 / 成本 rows inside or outside their
//! bound, zero events, qualitative degrees, deadlines not yet due.

use rust_decimal::Decimal;
use serde::Serialize;

use super::light::{self, Light};
use super::period::AsOf;
use crate::config::Levels;
use crate::eval::measure::{self, Actual, Completion, Value};
use crate::eval::verdict;
use crate::model::measure::{Dimension, Period};
use crate::model::{Category, Comparison, Condition, Level1, Level2, Meaning, Quantity, Target};

/// Which rule gave a row its light.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// A cumulative quantity against 年度指标值 × N / 12.
    ProRated,
    /// A rate per period (`1065期/年`), pro-rated like a quantity.
    Rate,
    /// A level (rate, percentage, score, duration) against the full target.
    Level,
    /// A level pro-rated by the literal provincial rule (`[monitor] levels = "pro-rated"`).
    LevelProRated,
    /// Reverse targets (≤ <) and 质量 / 时效 / 成本 rows: inside the bound or outside.
    Bound,
    /// Nothing may happen: green only when the actual equals the target.
    Zero,
    /// 达到预期目标 / 部分达到 / 未达到.
    Qualitative,
    /// A deadline: met, late, or not yet due.
    Deadline,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::ProRated => "按序时进度",
            Basis::Rate => "按期折算",
            Basis::Level => "与全年目标比",
            Basis::LevelProRated => "水平按序时进度",
            Basis::Bound => "范围内外",
            Basis::Zero => "零事件",
            Basis::Qualitative => "定性",
            Basis::Deadline => "期限",
        }
    }
}

/// What monitoring says about one indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub basis: Option<Basis>,
    pub light: Light,
    /// The standard to date, as people read it (`15,000 册`, `≤ 90 万元`, `12月31日前`).
    pub standard: Option<String>,
    /// Actual ÷ standard, percent (exact; renderers round).
    pub ratio: Option<Decimal>,
    /// (实际 − 年度目标) / 年度目标, percent.
    pub deviation: Option<Decimal>,
    /// Why there is no light, or what the light means beyond its colour (`未到期`).
    pub note: Option<String>,
}

impl Reading {
    fn unlit(basis: Option<Basis>, note: impl Into<String>) -> Self {
        Reading {
            basis,
            light: Light::None,
            standard: None,
            ratio: None,
            deviation: None,
            note: Some(note.into()),
        }
    }
}

/// How a run compares: the date and the level rule.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    pub as_of: AsOf,
    pub levels: Levels,
}

/// Judges one indicator at the monitoring date.
pub fn judge(
    category: Option<&Category>,
    target: &Target,
    actual: Option<&Actual>,
    baseline: Option<&Quantity>,
    context: &Context,
) -> Reading {
    let deadline = target.clauses().iter().find_map(|c| match c.condition {
        Condition::Deadline { year, month, day } => Some((year, month, day)),
        _ => None,
    });
    let due = deadline.is_some_and(|(y, m, d)| context.as_of.is_past(y, m, d));
    let standard_of_deadline = || deadline.map(|_| target.text.clone());
    let Some(actual) = actual else {
        return match deadline {
            Some(_) if !due => Reading {
                standard: standard_of_deadline(),
                ..Reading::unlit(Some(Basis::Deadline), "未到期")
            },
            _ => Reading::unlit(None, "缺实际值"),
        };
    };
    match (actual, &target.meaning) {
        (Actual::Completion(c), _) => {
            if deadline.is_some() && !due && *c != Completion::Full {
                return Reading {
                    standard: standard_of_deadline(),
                    ..Reading::unlit(Some(Basis::Deadline), "未到期")
                };
            }
            let lit = match c {
                Completion::Full => Light::Green,
                Completion::Partly => Light::Yellow,
                Completion::Not => Light::Red,
            };
            Reading {
                basis: Some(Basis::Qualitative),
                light: lit,
                standard: Some(standard_of_deadline().unwrap_or_else(|| "达到预期目标".to_owned())),
                ratio: None,
                deviation: None,
                note: (deadline.is_some() && due && *c != Completion::Full)
                    .then(|| "已到期".to_owned()),
            }
        }
        (Actual::Unreadable, _) => Reading::unlit(None, "实际值无法读取"),
        (_, Meaning::Unmeasurable) => Reading::unlit(
            Some(Basis::Qualitative),
            "指标值不可衡量：实际值请写 达到预期目标 / 部分达到 / 未达到",
        ),
        (
            Actual::Grade { rank, scale },
            Meaning::Grade {
                rank: want,
                scale: target_scale,
                grade,
                ..
            },
        ) => {
            if scale != target_scale {
                return Reading::unlit(Some(Basis::Qualitative), "实际值与目标不在同一个等级中");
            }
            let lit = match rank.saturating_sub(*want) {
                0 => Light::Green,
                1 => Light::Yellow,
                _ => Light::Red,
            };
            Reading {
                basis: Some(Basis::Qualitative),
                light: lit,
                standard: Some(grade.clone()),
                ratio: None,
                deviation: None,
                note: None,
            }
        }
        (Actual::Grade { .. }, _) | (Actual::Values(_), Meaning::Grade { .. }) => Reading::unlit(
            Some(Basis::Qualitative),
            "目标是等级，实际值不是同一等级中的一级",
        ),
        (Actual::Values(values), Meaning::Conditions { clauses }) => {
            if values.len() != clauses.len() && values.len() != 1 {
                return Reading::unlit(None, "实际值的条数与目标的条件数不符");
            }
            let mut readings = Vec::new();
            for (i, clause) in clauses.iter().enumerate() {
                let Some(value) = values.get(i).or(values.first()) else {
                    return Reading::unlit(None, "缺少实际值");
                };
                readings.push(clause_reading(
                    category,
                    &clause.condition,
                    value,
                    baseline,
                    context,
                ));
            }
            combine(readings)
        }
    }
}

/// Several clauses: the worst light, with that clause's figures; standards joined.
fn combine(readings: Vec<Reading>) -> Reading {
    if readings.len() == 1 {
        return readings
            .into_iter()
            .next()
            .unwrap_or_else(|| Reading::unlit(None, "—"));
    }
    let standards: Vec<String> = readings.iter().filter_map(|r| r.standard.clone()).collect();
    let worst = readings
        .iter()
        .enumerate()
        .max_by_key(|(i, r)| (r.light, std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    let mut out = readings
        .into_iter()
        .nth(worst)
        .unwrap_or_else(|| Reading::unlit(None, "—"));
    out.standard = (!standards.is_empty()).then(|| standards.join("；"));
    out
}

/// 质量 / 时效 / 成本 rows are judged inside or outside their bound, whichever way they point.
fn bound_category(category: Option<&Category>) -> bool {
    category.is_some_and(|c| {
        c.level1 == Level1::Cost
            || matches!(
                c.level2,
                Some(
                    Level2::Quality
                        | Level2::Timeliness
                        | Level2::Cost
                        | Level2::EconomicCost
                        | Level2::SocialCost
                        | Level2::EcologicalCost
                )
            )
    })
}

/// A level is not cumulative: rates, percentages, scores, durations.
fn is_level(quantity: &Quantity) -> bool {
    quantity.unit.as_ref().is_some_and(|u| {
        matches!(
            u.dimension,
            Dimension::Ratio
                | Dimension::PercentagePoint
                | Dimension::Score
                | Dimension::Duration
                | Dimension::CalendarSpan
                | Dimension::WorkingDays
                | Dimension::Bandwidth
        )
    })
}

/// The share of a period's value due by the date: N/12 of a year, N/3 of a quarter, N months.
fn period_share(per: Period, months: Decimal) -> Option<Decimal> {
    let of = |n: i64| months / Decimal::from(n);
    match per {
        Period::Year => Some(of(12)),
        Period::HalfYear => Some(of(6)),
        Period::Quarter => Some(of(3)),
        Period::Month => Some(months),
        // A weekly or daily rate is read as a level: its actual is a rate too.
        Period::Week | Period::Day => None,
    }
}

fn pct(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)
}

fn deviation(actual: Decimal, target: Decimal) -> Option<Decimal> {
    pct(actual - target, target)
}

fn show(value: Decimal, like: &Quantity) -> String {
    measure::show(value, like.unit.as_ref())
}

fn clause_reading(
    category: Option<&Category>,
    condition: &Condition,
    value: &Value,
    baseline: Option<&Quantity>,
    context: &Context,
) -> Reading {
    let months = context.as_of.months();
    match condition {
        Condition::Compare { op, bound, .. } => {
            let Some(op) = op else {
                return Reading::unlit(None, "目标没有比较符，看不出方向");
            };
            let a = match measure::number(value, bound) {
                Ok(Some(a)) => a,
                Ok(None) => return Reading::unlit(None, "实际值是日期，目标是数值"),
                Err(reason) => return Reading::unlit(None, reason),
            };
            let t = bound.value;
            let reverse = matches!(op, Comparison::Le | Comparison::Lt | Comparison::Ne);
            if reverse || bound_category(category) {
                let met = verdict::clause_judged(condition, value, None).is_ok_and(|j| j.met);
                return Reading {
                    basis: Some(Basis::Bound),
                    light: light::inside(met),
                    standard: Some(format!("{} {}", op_text(*op), show(t, bound))),
                    ratio: pct(a, t),
                    deviation: deviation(a, t),
                    note: None,
                };
            }
            let (basis, share) = match bound.per.and_then(|p| period_share(p, months)) {
                Some(share) => (Basis::Rate, share),
                None if bound.per.is_some() || is_level(bound) => match context.levels {
                    Levels::Full => (Basis::Level, Decimal::ONE),
                    Levels::ProRated => (Basis::LevelProRated, months / Decimal::from(12)),
                },
                None => (Basis::ProRated, months / Decimal::from(12)),
            };
            let standard = t * share;
            let ratio = pct(a, standard);
            // A rate's deviation is against what it comes to in a whole year (4 × 每季度1期).
            let annual = match basis {
                Basis::Rate => bound.per.and_then(|p| period_share(p, Decimal::from(12))),
                _ => None,
            };
            let annual = t * annual.unwrap_or(Decimal::ONE);
            let lit = match ratio {
                Some(r) => light::progress(r),
                // A standard of 0 (`>= 0`): anything at or above it is on schedule.
                None => light::inside(a >= standard),
            };
            Reading {
                basis: Some(basis),
                light: lit,
                standard: Some(show(standard, bound)),
                ratio,
                deviation: deviation(a, annual),
                note: None,
            }
        }
        Condition::Range {
            low,
            high,
            low_open,
            high_open,
        } => {
            let (a, high_v) = match (measure::number(value, low), measure::align(high, low)) {
                (Ok(Some(a)), Ok(h)) => (a, h),
                (Ok(None), _) => return Reading::unlit(None, "实际值是日期，目标是区间"),
                (Err(reason), _) | (_, Err(reason)) => return Reading::unlit(None, reason),
            };
            if bound_category(category) || is_level(low) {
                let met = verdict::clause_judged(condition, value, None).is_ok_and(|j| j.met);
                return Reading {
                    basis: Some(Basis::Bound),
                    light: light::inside(met),
                    standard: Some(format!("{}–{}", show(low.value, low), show(high_v, low))),
                    ratio: pct(a, low.value),
                    deviation: deviation(a, low.value),
                    note: None,
                };
            }
            let share = months / Decimal::from(12);
            let (lo, hi) = (low.value * share, high_v * share);
            let below = a < lo || (*low_open && a == lo);
            let above = a > hi || (*high_open && a == hi);
            let (ratio, lit) = if below {
                let r = pct(a, lo);
                (r, r.map_or(Light::Red, light::progress))
            } else if above {
                let r = pct(a, hi);
                (
                    r,
                    r.map_or(Light::Blue, |r| light::progress(r).max(Light::Green)),
                )
            } else {
                (pct(a, lo), Light::Green)
            };
            Reading {
                basis: Some(Basis::ProRated),
                light: lit,
                standard: Some(format!("{}–{}", show(lo, low), show(hi, low))),
                ratio,
                deviation: deviation(a, low.value),
                note: None,
            }
        }
        Condition::ZeroEvent { .. } => {
            let a = match value {
                Value::Zero => Decimal::ZERO,
                Value::Number { quantity, .. } => quantity.value,
                Value::Date(..) => return Reading::unlit(None, "实际值是日期，目标是不发生"),
            };
            Reading {
                basis: Some(Basis::Zero),
                light: light::inside(a.is_zero()),
                standard: Some("0".to_owned()),
                ratio: None,
                deviation: None,
                note: None,
            }
        }
        Condition::Relative { .. } => match verdict::clause_judged(condition, value, baseline) {
            Ok(judged) => {
                let required = match judged.shape {
                    verdict::Shape::AtLeast { bound, .. }
                    | verdict::Shape::AtMost { bound, .. } => Some(bound),
                    _ => None,
                };
                Reading {
                    basis: Some(Basis::Bound),
                    light: light::inside(judged.met),
                    standard: required
                        .map(|r| measure::show(r, baseline.and_then(|b| b.unit.as_ref()))),
                    ratio: required.and_then(|r| pct(judged.actual, r)),
                    deviation: required.and_then(|r| deviation(judged.actual, r)),
                    note: None,
                }
            }
            Err(reason) => Reading::unlit(Some(Basis::Bound), reason),
        },
        Condition::Deadline { year, month, day } => {
            let Value::Date(ay, am, ad) = value else {
                return Reading::unlit(
                    Some(Basis::Deadline),
                    "目标是期限，实际值应写完成日期，如 `2023年5月31日`，或 已完成 / 未完成",
                );
            };
            // A deadline or a date without a year is in the year monitored.
            let year_of = |y: &Option<u32>| y.or(context.as_of.year).unwrap_or(0);
            let done = (year_of(ay), am.unwrap_or(12), ad.unwrap_or(31));
            let met = done <= (year_of(year), month.unwrap_or(12), day.unwrap_or(31));
            let shown = match (month, day) {
                (Some(m), Some(d)) => format!("{m}月{d}日前"),
                (Some(m), None) => format!("{m}月底前"),
                _ => "年底前".to_owned(),
            };
            Reading {
                basis: Some(Basis::Deadline),
                light: light::inside(met),
                standard: Some(match year {
                    Some(y) => format!("{y}年{shown}"),
                    None => shown,
                }),
                ratio: None,
                deviation: None,
                note: (!met).then(|| "晚于期限".to_owned()),
            }
        }
    }
}

fn op_text(op: Comparison) -> &'static str {
    match op {
        Comparison::Ge => "≥",
        Comparison::Gt => ">",
        Comparison::Le => "≤",
        Comparison::Lt => "<",
        Comparison::Eq => "=",
        Comparison::Ne => "≠",
    }
}
