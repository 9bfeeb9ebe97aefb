//! Scores: the default rules of 财预〔2020〕10号 (domain.md §7) and the rubric forms a spec can
//! write. Scores are exact here; rounding happens once, in `evaluate`, to the spec's decimals.

use rust_decimal::{Decimal, RoundingStrategy};

use super::measure::{Completion, Value};
use super::verdict::{Judged, Judgement, Shape, Verdict, clause_judged};
use crate::model::scoring::{Band, BandTest, Reverse, ScoreRule, StepTerm, StepWay};
use crate::model::{Comparison, Condition, Quantity, Target};

/// Rounds half away from zero (四舍五入), as the documents do.
pub fn round(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// A score and how it was reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scored {
    /// `None` when the indicator could not be judged.
    pub score: Option<Decimal>,
    /// How the score was reached, in words (`按比例 5 × 45/50`).
    pub basis: String,
    /// No band of a `分档` rule holds for the actual.
    pub no_band: bool,
    /// A qualitative score reported outside its band: (band low, band high).
    pub outside_band: Option<(Decimal, Decimal)>,
}

impl Scored {
    fn of(score: Decimal, basis: impl Into<String>) -> Self {
        Scored {
            score: Some(score),
            basis: basis.into(),
            no_band: false,
            outside_band: None,
        }
    }

    fn none(basis: impl Into<String>) -> Self {
        Scored {
            score: None,
            basis: basis.into(),
            no_band: false,
            outside_band: None,
        }
    }
}

/// What scoring one indicator needs.
pub struct Input<'a> {
    pub weight: Decimal,
    pub rule: &'a ScoreRule,
    pub target: &'a Target,
    pub judgement: &'a Judgement,
    /// The sum of the deductions the actuals list.
    pub deductions: Decimal,
    /// The actuals have an entry for this indicator (a `扣分` item without one is missing, not
    /// free of deductions).
    pub listed: bool,
    /// The score the report gives, for qualitative indicators.
    pub reported: Option<Decimal>,
    pub reverse: Reverse,
    /// Subjects whose clause, unmet, zeroes the item.
    pub gates: &'a [String],
}

/// The score by the rule, unless a gate's clause is not met.
pub fn score(input: &Input<'_>) -> Scored {
    let scored = by_rule(input);
    if scored.score.is_none() {
        return scored;
    }
    let clauses = input.target.clauses();
    let unmet = input.gates.iter().find(|gate| {
        clauses
            .iter()
            .zip(&input.judgement.clauses)
            .any(|(c, j)| c.subject.as_deref() == Some(gate.as_str()) && !j.met)
    });
    match unmet {
        Some(gate) => Scored::of(Decimal::ZERO, format!("「{gate}」未达要求，不得分")),
        None => scored,
    }
}

fn by_rule(input: &Input<'_>) -> Scored {
    let w = input.weight;
    if let ScoreRule::Deductions = input.rule {
        if !input.listed {
            return Scored::none("实际值中没有这一项，不计分");
        }
        let s = (w - input.deductions).max(Decimal::ZERO);
        return Scored::of(s, format!("{} − 扣分 {}", n(w), n(input.deductions)));
    }
    match &input.judgement.verdict {
        Verdict::Missing => return Scored::none("缺实际值，不计分"),
        Verdict::Unmeasurable { .. } => return Scored::none("无法判断，不计分"),
        _ => {}
    }
    let met = input.judgement.verdict.is_met();
    if let Some(completion) = input.judgement.completion {
        return match input.rule {
            ScoreRule::Default => qualitative(w, completion, input.reported),
            ScoreRule::AllOrNothing => {
                Scored::of(if met { w } else { Decimal::ZERO }, "达标得满分，否则 0")
            }
            ScoreRule::Bands { bands } => match input.judgement.grade {
                Some(rank) => grade_bands(w, bands, rank),
                None => Scored::none("实际值是完成程度，不是分档中的等级"),
            },
            _ => Scored::none("规则按数值计分，实际值是等级或完成程度"),
        };
    }
    let Some(first) = input.judgement.clauses.first() else {
        return Scored::none("没有可计分的条件");
    };
    match input.rule {
        ScoreRule::Default => {
            let scores = input
                .judgement
                .clauses
                .iter()
                .map(|j| default_clause(w, j, input.reverse));
            // Every clause must hold: the weakest one decides.
            let (s, basis) = scores
                .min_by(|a, b| a.0.cmp(&b.0))
                .unwrap_or((Decimal::ZERO, String::new()));
            Scored::of(s, basis)
        }
        ScoreRule::AllOrNothing => {
            Scored::of(if met { w } else { Decimal::ZERO }, "达标得满分，否则 0")
        }
        ScoreRule::Proportional => proportional(w, first),
        ScoreRule::Linear { from, to } => {
            let Some(bound) = first_bound(input.target) else {
                return Scored::none("规则不适用");
            };
            let (Ok(x0), Ok(x1)) = (align(&from.at, bound), align(&to.at, bound)) else {
                return Scored::none("规则的单位无法换算");
            };
            if x1 == x0 {
                return Scored::none("线性规则的两点相同");
            }
            let raw = from.points.saturating_add(muldiv(
                first.actual - x0,
                to.points - from.points,
                x1 - x0,
            ));
            let s = raw.max(Decimal::ZERO).min(w);
            Scored::of(
                s,
                format!(
                    "{} + ({} − {}) / ({} − {}) × {}",
                    n(from.points),
                    n(first.actual),
                    n(x0),
                    n(x1),
                    n(x0),
                    n(to.points - from.points)
                ),
            )
        }
        ScoreRule::Steps {
            best,
            terms,
            zero_below,
            partial,
            cap,
        } => {
            let rule = StepRule {
                best: best.unwrap_or(if input.rule.only_bonus() {
                    Decimal::ZERO
                } else {
                    w
                }),
                terms,
                zero_below: zero_below.as_ref(),
                partial: *partial,
                limit: cap.map_or(w, |c| c.min(w)),
            };
            rule.score(input.target, &input.judgement.clauses)
        }
        ScoreRule::Bands { bands } => {
            let Some(bound) = input.target.reference() else {
                return Scored::none("规则不适用");
            };
            let value = number_value(first.actual, &bound);
            for band in bands {
                let BandTest::Value { condition } = &band.test else {
                    continue;
                };
                if clause_judged(&exact(condition), &value, None).is_ok_and(|j| j.met) {
                    return Scored::of(band.points.min(w), format!("落在「{}」档", band.text));
                }
            }
            let mut scored = Scored::of(Decimal::ZERO, "不落在任何一档");
            scored.no_band = true;
            scored
        }
        ScoreRule::Deductions => Scored::none("扣分制"),
    }
}

/// `分档 齐全得2分 不齐全不得分`: the points of the band naming the actual grade.
fn grade_bands(w: Decimal, bands: &[Band], rank: usize) -> Scored {
    let found = bands
        .iter()
        .find(|b| matches!(b.test, BandTest::Grade { rank: r, .. } if r == rank));
    match found {
        Some(band) => Scored::of(band.points.min(w), format!("等级「{}」", band.text)),
        None => {
            let mut scored = Scored::of(Decimal::ZERO, "实际等级不在任何一档");
            scored.no_band = true;
            scored
        }
    }
}

/// 10号: ≥ and > proportional, = 0 all or nothing, ≤ and < by the chosen reverse formula.
fn default_clause(w: Decimal, j: &Judged, reverse: Reverse) -> (Decimal, String) {
    if j.met {
        return (w, "达成得满分".to_owned());
    }
    let a = j.actual.max(Decimal::ZERO);
    match j.shape {
        Shape::AtLeast { bound: t, .. } if t > Decimal::ZERO => (
            muldiv(w, a, t).min(w),
            format!("按比例 {} × {}/{}", n(w), n(a), n(t)),
        ),
        // An `=` target is the plan itself: missed either way, it scores nothing.
        Shape::Equal(_) => (Decimal::ZERO, "未等于目标值，不得分".to_owned()),
        Shape::Range { low, .. } if a < low && low > Decimal::ZERO => (
            muldiv(w, a, low).min(w),
            format!("按比例 {} × {}/{}", n(w), n(a), n(low)),
        ),
        Shape::AtMost { bound: t, .. } | Shape::Range { high: t, .. } if t > Decimal::ZERO => {
            reverse_score(w, a, t, reverse)
        }
        _ => (Decimal::ZERO, "未达成不得分".to_owned()),
    }
}

/// domain.md §7.2: 甲 w·(1 − (a−t)/t) for t < a < 2t, 0 from 2t; 乙 w·t/a.
pub fn reverse_score(w: Decimal, a: Decimal, t: Decimal, reverse: Reverse) -> (Decimal, String) {
    match reverse {
        Reverse::A => {
            let s = if a >= t.saturating_mul(Decimal::TWO) {
                Decimal::ZERO
            } else {
                w.saturating_mul(Decimal::ONE.saturating_sub(muldiv(
                    a.saturating_sub(t),
                    Decimal::ONE,
                    t,
                )))
            };
            (
                s.max(Decimal::ZERO).min(w),
                format!("反向（甲）{} × (1 − ({} − {})/{})", n(w), n(a), n(t), n(t)),
            )
        }
        Reverse::B => {
            let s = if a.is_zero() {
                w
            } else {
                muldiv(w, t, a).min(w)
            };
            (s, format!("反向（乙）{} × {}/{}", n(w), n(t), n(a)))
        }
    }
}

/// 财预〔2020〕10号: 达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%) of the weight. The
/// evaluator's score is taken when it lies in its band; otherwise the band's midpoint (90%, 70%,
/// 30%) is used and the report is flagged.
fn qualitative(w: Decimal, completion: Completion, reported: Option<Decimal>) -> Scored {
    let pct = |p: i64| w.saturating_mul(Decimal::new(p, 2));
    let (low, high, mid) = match completion {
        Completion::Full => (pct(80), w, pct(90)),
        Completion::Partly => (pct(60), pct(80), pct(70)),
        Completion::Not => (Decimal::ZERO, pct(60), pct(30)),
    };
    let inside = |s: Decimal| {
        s >= low
            && match completion {
                Completion::Full => s <= high,
                _ => s < high,
            }
    };
    match reported {
        Some(s) if inside(s) => {
            Scored::of(s, format!("{}，采用评价者所打分数", completion.label()))
        }
        Some(_) => {
            let mut scored = Scored::of(
                mid,
                format!("{}，报告分数不在区间内，取中点", completion.label()),
            );
            scored.outside_band = Some((low, high));
            scored
        }
        None => Scored::of(mid, format!("{}，未给分数，取区间中点", completion.label())),
    }
}

fn proportional(w: Decimal, j: &Judged) -> Scored {
    let a = j.actual.max(Decimal::ZERO);
    match j.shape {
        Shape::AtLeast { bound: t, .. } | Shape::Equal(t) if t > Decimal::ZERO => Scored::of(
            muldiv(w, a, t).min(w),
            format!("按比例 {} × {}/{}", n(w), n(a), n(t)),
        ),
        // A reduction target (`<= -30%`): the share of the reduction achieved; no reduction,
        // nothing.
        Shape::AtMost { bound: t, .. } if t < Decimal::ZERO => {
            let reduced = j.actual.min(Decimal::ZERO);
            Scored::of(
                muldiv(w, reduced, t).min(w),
                format!("按比例 {} × {}/{}", n(w), n(reduced), n(t)),
            )
        }
        Shape::AtMost { bound: t, .. } if a > Decimal::ZERO && t >= Decimal::ZERO => Scored::of(
            muldiv(w, t, a).min(w),
            format!("按比例 {} × {}/{}", n(w), n(t), n(a)),
        ),
        _ => Scored::of(
            if j.met { w } else { Decimal::ZERO },
            "无法按比例，达标得满分",
        ),
    }
}

/// A step rule, ready to count: `best` less (or plus) each term's steps, within [0, `limit`].
struct StepRule<'a> {
    best: Decimal,
    terms: &'a [StepTerm],
    zero_below: Option<&'a Condition>,
    partial: bool,
    limit: Decimal,
}

impl StepRule<'_> {
    fn score(&self, target: &Target, judged: &[Judged]) -> Scored {
        let clauses = target.clauses();
        let Some((first, first_judged)) = clauses.first().zip(judged.first()) else {
            return Scored::none("规则不适用");
        };
        let Some(first_bound) = first.condition.reference() else {
            return Scored::none("规则不适用");
        };
        if let Some(floor) = self.zero_below {
            let value = number_value(first_judged.actual, &first_bound);
            if clause_judged(floor, &value, None).is_ok_and(|f| f.met) {
                return Scored::of(Decimal::ZERO, "低于不得分的界限");
            }
        }
        let mut total = self.best;
        let mut basis = n(self.best);
        for term in self.terms {
            // A term counts on the clause its step's unit belongs to (else the first).
            let on = clauses.iter().zip(judged).find_map(|(c, j)| {
                let bound = c.condition.reference()?;
                let comparable = match (&term.size.unit, &bound.unit) {
                    (Some(a), Some(b)) => step_comparable(a, b),
                    _ => true,
                };
                comparable.then_some((bound, j))
            });
            let (bound, j) = on.unwrap_or((first_bound.clone(), first_judged));
            let Ok(step) = step_size(&term.size, &bound) else {
                return Scored::none("规则的单位无法换算");
            };
            if step <= Decimal::ZERO {
                return Scored::none("每档的大小应大于 0");
            }
            let Some(t) = edge(&j.shape, term.way) else {
                return Scored::none("规则不适用于日期");
            };
            let gap = match term.way {
                StepWay::Shortfall => t - j.actual,
                StepWay::Excess => j.actual - t,
            }
            .max(Decimal::ZERO);
            let count = muldiv(gap, Decimal::ONE, step);
            let count = if self.partial { count } else { count.floor() };
            let change = count.saturating_mul(term.points);
            let change = term.limit.map_or(change, |l| change.min(l));
            let sign = if term.bonus { "+" } else { "−" };
            total = if term.bonus {
                total.saturating_add(change)
            } else {
                total.saturating_sub(change)
            };
            basis.push_str(&format!(" {sign} {} 档 × {}", n(count), n(term.points)));
        }
        Scored::of(total.max(Decimal::ZERO).min(self.limit), basis)
    }
}

/// The target value a step counts from: the bound the way of counting faces.
fn edge(shape: &Shape, way: StepWay) -> Option<Decimal> {
    Some(match (shape, way) {
        (Shape::AtLeast { bound, .. } | Shape::AtMost { bound, .. }, _) => *bound,
        (Shape::Equal(t) | Shape::NotEqual(t), _) => *t,
        (Shape::Range { low, .. }, StepWay::Shortfall) => *low,
        (Shape::Range { high, .. }, StepWay::Excess) => *high,
        (Shape::Zero, _) => Decimal::ZERO,
        (Shape::Date, _) => return None,
    })
}

/// A step of `1个百分点` on a percentage target is a step of 1%.
fn step_comparable(
    step: &crate::model::measure::Unit,
    bound: &crate::model::measure::Unit,
) -> bool {
    step.comparable(bound) || points_on_percent(step, bound)
}

fn points_on_percent(
    step: &crate::model::measure::Unit,
    bound: &crate::model::measure::Unit,
) -> bool {
    use crate::model::measure::Dimension;
    step.dimension == Dimension::PercentagePoint && bound.symbol == "%"
}

fn step_size(size: &Quantity, bound: &Quantity) -> Result<Decimal, String> {
    match (&size.unit, &bound.unit) {
        (Some(s), Some(b)) if points_on_percent(s, b) => super::measure::sane(size.value),
        _ => align(size, bound),
    }
}

/// The bound of a target's first clause, for rules that compare against one number.
pub fn first_bound(target: &Target) -> Option<&Quantity> {
    match &target.clauses().first()?.condition {
        Condition::Compare { bound, .. } => Some(bound),
        Condition::Range { low, .. } => Some(low),
        _ => None,
    }
}

fn align(q: &Quantity, bound: &Quantity) -> Result<Decimal, String> {
    super::measure::align(q, bound)
}

fn number_value(a: Decimal, bound: &Quantity) -> Value {
    Value::Number {
        quantity: Quantity {
            value: a,
            ..bound.clone()
        },
        bound: None,
    }
}

/// In a band a bare value means exactly that value (`100%得5分`).
fn exact(condition: &Condition) -> Condition {
    match condition {
        Condition::Compare {
            stated: false,
            bound,
            cumulative,
            op_span,
            ..
        } => Condition::Compare {
            op: Some(Comparison::Eq),
            stated: true,
            bound: bound.clone(),
            cumulative: *cumulative,
            op_span: *op_span,
        },
        other => other.clone(),
    }
}

/// a × b / c without overflow: a result too large for a `Decimal` saturates with its sign (it is
/// clamped to the weight afterwards).
pub fn muldiv(a: Decimal, b: Decimal, c: Decimal) -> Decimal {
    match a.checked_mul(b).and_then(|x| x.checked_div(c)) {
        Some(v) => v,
        None if (a.is_sign_negative() ^ b.is_sign_negative()) ^ c.is_sign_negative() => {
            Decimal::MIN
        }
        None => Decimal::MAX,
    }
}

/// A decimal as people read it: no trailing zeros.
pub fn n(value: Decimal) -> String {
    value.normalize().to_string()
}
