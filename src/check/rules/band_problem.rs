//! `band-problem` (JX0401): bands (`分档`) with a gap, an overlap, or points that do not rise as
//! the bands rise (fall, for a `≤` target). Bands are tried in order, so an edge two bands both
//! include belongs to the one written first: that is no overlap.

use rust_decimal::Decimal;

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::scoring::{Band, BandTest, ScoreRule};
use crate::model::{Comparison, Condition, Spec, Target};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, target, scoring) in spec.scored() {
        if let ScoreRule::Bands { bands } = &scoring.rule {
            out.extend(band_problems(name, bands, direction(target)));
        }
    }
    out
}

/// A `≤` / `<` or zero-event target: the points of its bands fall as the value rises.
/// Which way the points of a target's bands should go as the value rises; `None` for a target
/// with no better side (`= 0%`, a range), whose bands may rise and fall.
fn direction(target: &Target) -> Option<Direction> {
    match &target.clauses().first()?.condition {
        Condition::ZeroEvent { .. }
        | Condition::Compare {
            op: Some(Comparison::Le | Comparison::Lt),
            ..
        } => Some(Direction::Falling),
        Condition::Compare {
            op: Some(Comparison::Ge | Comparison::Gt),
            ..
        } => Some(Direction::Rising),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Rising,
    Falling,
}

/// Gaps, overlaps, and points out of order.
fn band_problems(name: &str, bands: &[Band], direction: Option<Direction>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut spans: Vec<(Interval, &Band)> = bands
        .iter()
        .filter_map(|b| match &b.test {
            BandTest::Value { condition } => interval(condition).map(|i| (i, b)),
            BandTest::Grade { .. } => None,
        })
        .collect();
    // By lower end, a closed end before an open one at the same value (`0%` before `0%(不含)-50%`).
    spans.sort_by(|a, b| {
        let key = |i: &Interval| i.low.map(|(v, closed)| (v, !closed));
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
                    hi.normalize(),
                    lo.normalize()
                ),
            ));
        } else if hi > lo && !lower.contains(upper) && !upper.contains(lower) {
            // Nested bands are how two-sided rules read (`±10%得2分 ±20%得1分`): the first
            // that holds wins. Bands that only partly overlap are a slip.
            out.push(problem(
                name,
                upper_band,
                format!("「{}」与「{}」重叠", lower_band.text, upper_band.text),
            ));
        }
        let (low_points, high_points) = (lower_band.points, upper_band.points);
        let out_of_order = match direction {
            Some(Direction::Rising) => low_points >= high_points,
            Some(Direction::Falling) => low_points <= high_points,
            None => false,
        };
        if out_of_order {
            let relation = if direction == Some(Direction::Falling) {
                "不多于"
            } else {
                "不少于"
            };
            out.push(problem(
                name,
                lower_band,
                format!(
                    "不单调：较低的「{}」得 {} 分，{relation}较高的「{}」的 {} 分",
                    lower_band.text,
                    low_points.normalize(),
                    upper_band.text,
                    high_points.normalize()
                ),
            ));
        }
    }
    out
}

/// An interval of values a band covers; `None` ends are unbounded.
#[derive(Clone, Copy, Debug)]
struct Interval {
    low: Option<(Decimal, bool)>,
    high: Option<(Decimal, bool)>,
}

impl Interval {
    /// Every value of `other` is in `self`.
    fn contains(&self, other: &Interval) -> bool {
        let low_ok = match (self.low, other.low) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((a, a_in)), Some((b, b_in))) => a < b || (a == b && (a_in || !b_in)),
        };
        let high_ok = match (self.high, other.high) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((a, a_in)), Some((b, b_in))) => a > b || (a == b && (a_in || !b_in)),
        };
        low_ok && high_ok
    }
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
        Condition::Range {
            low,
            high,
            low_open,
            high_open,
        } => Interval {
            low: Some((low.value, !low_open)),
            high: Some((high.value, !high_open)),
        },
        _ => return None,
    })
}

fn problem(name: &str, band: &Band, detail: String) -> Diagnostic {
    Diagnostic::new(Code::BandProblem, band.span)
        .arg("name", name)
        .arg("detail", detail)
        .arg(
            "help_detail",
            "让各档首尾相接，用 `(含)` 标明边界归哪一档（如 `>=95%得5分 90%(含)-95%得4分 低于90%不得分`），得分随档次单调变化",
        )
}
