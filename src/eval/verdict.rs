//! Verdicts: is a target met by an actual value? Met, not met (with the gap in the target's
//! unit), missing, or unmeasurable (with the reason).

use rust_decimal::Decimal;
use serde::Serialize;

use super::measure::{self, Actual, Completion, Value};
use crate::model::target::Change;
use crate::model::{Comparison, Condition, Meaning, Quantity, Target};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Met,
    NotMet {
        #[serde(skip_serializing_if = "Option::is_none")]
        gap: Option<String>,
    },
    Missing,
    Unmeasurable {
        reason: String,
    },
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Met => "达成",
            Verdict::NotMet { .. } => "未达成",
            Verdict::Missing => "缺实际值",
            Verdict::Unmeasurable { .. } => "无法判断",
        }
    }

    pub fn is_met(&self) -> bool {
        matches!(self, Verdict::Met)
    }
}

/// The shape of one clause, with its bound(s) in the target's unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `>=` (strict: `>`).
    AtLeast {
        bound: Decimal,
        strict: bool,
    },
    /// `<=` (strict: `<`).
    AtMost {
        bound: Decimal,
        strict: bool,
    },
    Equal(Decimal),
    NotEqual(Decimal),
    Range {
        low: Decimal,
        high: Decimal,
    },
    Zero,
    Date,
}

/// One clause judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judged {
    pub met: bool,
    /// The actual in the target's unit (0 for dates).
    pub actual: Decimal,
    pub shape: Shape,
    pub gap: Option<String>,
}

/// The verdict on a whole target, and each clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgement {
    pub verdict: Verdict,
    pub clauses: Vec<Judged>,
    /// For qualitative actuals: the degree of completion.
    pub completion: Option<Completion>,
    /// For a grade actual: its rank on the target's scale (0 is the best).
    pub grade: Option<usize>,
}

impl Judgement {
    fn only(verdict: Verdict) -> Self {
        Judgement {
            verdict,
            clauses: Vec::new(),
            completion: None,
            grade: None,
        }
    }
}

/// Judges a target against an actual value (`None`: no actual), with the baseline value of a
/// relative target if the actuals give one.
pub fn judge(target: &Target, actual: Option<&Actual>, baseline: Option<&Quantity>) -> Judgement {
    let Some(actual) = actual else {
        return Judgement::only(Verdict::Missing);
    };
    match (actual, &target.meaning) {
        (Actual::Completion(c), _) => Judgement {
            verdict: if *c == Completion::Full {
                Verdict::Met
            } else {
                Verdict::NotMet {
                    gap: Some(c.label().to_owned()),
                }
            },
            clauses: Vec::new(),
            completion: Some(*c),
            grade: None,
        },
        (Actual::Unreadable, _) => unmeasurable("实际值没有可比较的数值、等级或完成程度"),
        (_, Meaning::Unmeasurable) => unmeasurable("指标值不可衡量，无法与实际值比较"),
        (
            Actual::Grade { rank, scale },
            Meaning::Grade {
                op,
                rank: want,
                scale: target_scale,
                grade,
                ..
            },
        ) => {
            if scale != target_scale {
                return unmeasurable("实际值与目标不在同一个等级中");
            }
            let met = match op {
                Comparison::Eq => rank == want,
                _ => rank <= want,
            };
            let completion = match rank.saturating_sub(*want) {
                0 => Completion::Full,
                1 => Completion::Partly,
                _ => Completion::Not,
            };
            Judgement {
                verdict: if met {
                    Verdict::Met
                } else {
                    Verdict::NotMet {
                        gap: Some(format!("低于「{grade}」")),
                    }
                },
                clauses: Vec::new(),
                completion: Some(completion),
                grade: Some(*rank),
            }
        }
        (Actual::Grade { .. }, _) | (Actual::Values(_), Meaning::Grade { .. }) => {
            unmeasurable("目标是等级，实际值不是同一等级中的一级")
        }
        (Actual::Values(values), Meaning::Conditions { clauses }) => {
            if values.len() != clauses.len() && values.len() != 1 {
                return unmeasurable("实际值的条数与目标的条件数不符");
            }
            // One value stands for every clause only when they all speak of the same thing
            // (`大于90%且小于等于100%`), never for `面积 >= 100%；质量问题 无`.
            let same_subject = clauses.windows(2).all(|w| w[0].subject == w[1].subject);
            if values.len() == 1 && clauses.len() > 1 && !same_subject {
                return unmeasurable(&format!(
                    "目标有 {} 个条件，实际值只有一个：每个条件的实际值依次写出，用「；」分开",
                    clauses.len()
                ));
            }
            let mut judged = Vec::new();
            for (i, clause) in clauses.iter().enumerate() {
                let value = values.get(i).or(values.first());
                let Some(value) = value else {
                    return unmeasurable("缺少实际值");
                };
                match clause_judged(&clause.condition, value, baseline) {
                    Ok(j) => judged.push(j),
                    Err(reason) => return unmeasurable(&reason),
                }
            }
            let verdict = if judged.iter().all(|j| j.met) {
                Verdict::Met
            } else {
                let gaps: Vec<String> = judged.iter().filter_map(|j| j.gap.clone()).collect();
                Verdict::NotMet {
                    gap: (!gaps.is_empty()).then(|| gaps.join("；")),
                }
            };
            Judgement {
                verdict,
                clauses: judged,
                completion: None,
                grade: None,
            }
        }
    }
}

fn unmeasurable(reason: &str) -> Judgement {
    Judgement::only(Verdict::Unmeasurable {
        reason: reason.to_owned(),
    })
}

/// Judges one clause; `Err` says why it cannot be judged.
pub fn clause_judged(
    condition: &Condition,
    value: &Value,
    baseline: Option<&Quantity>,
) -> Result<Judged, String> {
    match condition {
        Condition::Compare { op, bound, .. } => {
            let Some(op) = op else {
                return Err("目标没有比较符，看不出方向".to_owned());
            };
            let a = measure::number(value, bound)?.ok_or("实际值是日期，目标是数值")?;
            Ok(compare(*op, a, bound, actual_bound(value)))
        }
        Condition::Range {
            low,
            high,
            low_open,
            high_open,
        } => {
            let a = measure::number(value, low)?.ok_or("实际值是日期，目标是区间")?;
            let high_v = measure::align(high, low)?;
            measure::sane(low.value)?;
            let unit = low.unit.as_ref();
            let (met, gap) = if a < low.value || (*low_open && a == low.value) {
                (
                    false,
                    Some(format!("低于下限 {}", measure::show(low.value - a, unit))),
                )
            } else if a > high_v || (*high_open && a == high_v) {
                (
                    false,
                    Some(format!("超出上限 {}", measure::show(a - high_v, unit))),
                )
            } else {
                (true, None)
            };
            Ok(Judged {
                met,
                actual: a,
                shape: Shape::Range {
                    low: low.value,
                    high: high_v,
                },
                gap,
            })
        }
        Condition::ZeroEvent { .. } => {
            let a = match value {
                Value::Zero => Decimal::ZERO,
                Value::Number { quantity, .. } => measure::sane(quantity.value)?,
                Value::Date(..) => return Err("实际值是日期，目标是不发生".to_owned()),
            };
            Ok(Judged {
                met: a.is_zero(),
                actual: a,
                shape: Shape::Zero,
                gap: (!a.is_zero()).then(|| format!("发生 {}", a.normalize())),
            })
        }
        Condition::Relative {
            baseline: label,
            change,
            op,
            amount,
        } => relative(label, *change, *op, amount, value, baseline),
        Condition::Deadline { year, month, day } => {
            let Value::Date(y, m, d) = value else {
                return Err("目标是期限，实际值应写完成日期，如 `2023年11月30日`".to_owned());
            };
            let key = |y: &Option<u32>, m: &Option<u32>, d: &Option<u32>| {
                (y.unwrap_or(0), m.unwrap_or(12), d.unwrap_or(31))
            };
            // `12月底前` is in the year of the targets: the actual's own year.
            let met = key(y, m, d) <= key(&year.or(*y), month, day);
            Ok(Judged {
                met,
                actual: Decimal::ZERO,
                shape: Shape::Date,
                gap: (!met).then(|| "晚于期限".to_owned()),
            })
        }
    }
}

fn actual_bound(value: &Value) -> Option<Comparison> {
    match value {
        Value::Number { bound, .. } => *bound,
        _ => None,
    }
}

fn compare(op: Comparison, a: Decimal, bound: &Quantity, known: Option<Comparison>) -> Judged {
    let t = bound.value;
    let unit = bound.unit.as_ref();
    // `超过90%` against `> 90%`: the actual is known to be above 90%, which meets it.
    let above = matches!(known, Some(Comparison::Gt));
    let below = matches!(known, Some(Comparison::Lt));
    let (met, shape, gap) = match op {
        Comparison::Ge => (
            a >= t,
            Shape::AtLeast {
                bound: t,
                strict: false,
            },
            short(t - a, unit),
        ),
        Comparison::Gt => (
            a > t || (a == t && above),
            Shape::AtLeast {
                bound: t,
                strict: true,
            },
            short(t - a, unit),
        ),
        Comparison::Le => (
            a <= t,
            Shape::AtMost {
                bound: t,
                strict: false,
            },
            over(a - t, unit),
        ),
        Comparison::Lt => (
            a < t || (a == t && below),
            Shape::AtMost {
                bound: t,
                strict: true,
            },
            over(a - t, unit),
        ),
        Comparison::Eq => (
            a == t,
            Shape::Equal(t),
            Some(format!("与目标相差 {}", measure::show((a - t).abs(), unit))),
        ),
        Comparison::Ne => (
            a != t,
            Shape::NotEqual(t),
            Some("等于不应达到的值".to_owned()),
        ),
    };
    Judged {
        met,
        actual: a,
        shape,
        gap: if met { None } else { gap },
    }
}

fn short(gap: Decimal, unit: Option<&crate::model::measure::Unit>) -> Option<String> {
    Some(if gap > Decimal::ZERO {
        format!("差 {}", measure::show(gap, unit))
    } else {
        "恰好等于界值（目标不含等号）".to_owned()
    })
}

fn over(gap: Decimal, unit: Option<&crate::model::measure::Unit>) -> Option<String> {
    Some(if gap > Decimal::ZERO {
        format!("超出 {}", measure::show(gap, unit))
    } else {
        "恰好等于界值（目标不含等号）".to_owned()
    })
}

/// `较2022年增加5%`: the required value from the baseline, then a comparison.
fn relative(
    label: &str,
    change: Change,
    op: Comparison,
    amount: &Quantity,
    value: &Value,
    baseline: Option<&Quantity>,
) -> Result<Judged, String> {
    let Some(base) = baseline else {
        return Err(format!(
            "缺少基期「{label}」的值：在实际值文件中给这一条写 `基期 = \"…\"`"
        ));
    };
    let a = measure::number(value, base)?.ok_or("实际值是日期")?;
    measure::sane(amount.value)?;
    let sign = match change {
        Change::Increase => Decimal::ONE,
        Change::Decrease => Decimal::NEGATIVE_ONE,
    };
    let required = if amount.is_percent() {
        let change = base
            .value
            .checked_mul(amount.value)
            .ok_or("数值过大，无法计算")?
            / Decimal::ONE_HUNDRED;
        base.value + sign * change
    } else {
        base.value + sign * measure::align(amount, base)?
    };
    let op = match (change, op) {
        (Change::Decrease, Comparison::Ge) => Comparison::Le,
        (Change::Decrease, Comparison::Gt) => Comparison::Lt,
        (_, op) => op,
    };
    let bound = Quantity {
        value: required,
        ..base.clone()
    };
    Ok(compare(op, a, &bound, actual_bound(value)))
}
