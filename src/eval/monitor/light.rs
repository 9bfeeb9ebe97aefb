//! The lights of 绩效运行监控 and their bands: progress against the standard to date (山西's
//! rule text, 合肥's formula), budget execution against the months gone, and the worst light of
//! a project. Every edge is exact: a ratio is a `Decimal` and each lower edge is inclusive.

use rust_decimal::Decimal;
use serde::Serialize;

/// One light. The order is how bad it is: a project shows its worst row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    /// Not judged yet: a deadline not due, no actual, a target nothing can be compared with.
    None,
    Green,
    /// Far ahead of schedule (≥ 120% of the standard): the target may be too low.
    Blue,
    Yellow,
    Red,
}

impl Light {
    pub fn label(self) -> &'static str {
        match self {
            Light::None => "无灯",
            Light::Green => "绿灯",
            Light::Blue => "蓝灯",
            Light::Yellow => "黄灯",
            Light::Red => "红灯",
        }
    }

    /// `green`, as the JSON output and the XLSX sheet write it.
    pub fn name(self) -> &'static str {
        match self {
            Light::None => "none",
            Light::Green => "green",
            Light::Blue => "blue",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }

    /// The worst light of several (合肥 "goalwarn": red if any is red, else yellow, …); `None`
    /// when none is lit.
    pub fn worst(lights: impl IntoIterator<Item = Light>) -> Light {
        lights.into_iter().max().unwrap_or(Light::None)
    }
}

fn percent(n: i64) -> Decimal {
    Decimal::from(n)
}

/// Progress (实际 ÷ 标准值, in percent): < 60 red, 60–80 yellow, 80–120 green, ≥ 120 blue, each
/// lower edge inclusive (标准值×60% ≤ 实际完成值 < 标准值×80% is yellow).
pub fn progress(ratio: Decimal) -> Light {
    if ratio < percent(60) {
        Light::Red
    } else if ratio < percent(80) {
        Light::Yellow
    } else if ratio < percent(120) {
        Light::Green
    } else {
        Light::Blue
    }
}

/// Budget execution (执行率 ÷ (N/12), in percent): < 60 red, 60–80 yellow, ≥ 80 green.
pub fn execution(ratio: Decimal) -> Light {
    if ratio < percent(60) {
        Light::Red
    } else if ratio < percent(80) {
        Light::Yellow
    } else {
        Light::Green
    }
}

/// Inside the bound green, outside red (reverse targets, 质量 / 时效 / 成本, zero events).
pub fn inside(met: bool) -> Light {
    if met { Light::Green } else { Light::Red }
}
