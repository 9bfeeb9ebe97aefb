//! `[monitor]` in `jixiao.toml`: the rules of in-year monitoring (绩效运行监控) that differ between
//! provinces — how levels are pro-rated, which lights need a 偏差原因, the deviation that needs an
//! explanation even on a green row, and whether 全年预计完成情况 is required. Plain data.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 运行监控的规则；每个键都可省略，省略时用默认值（见 README「In-year monitoring」）。
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Monitor {
    /// 这套规则出自哪里（如 `"山西"`、`"宁夏"`），只用于在输出中注明。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// 水平类指标（比率、百分比、分值、时长）怎样比较：`full`（默认，与全年目标比较）或
    /// `pro-rated`（按省级系统的字面规则，也乘以 月份/12）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Levels>,
    /// 哪些灯必须填写偏差原因：`red-and-yellow`（默认）或 `red`（如宁夏）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_required: Option<ReasonRequired>,
    /// 偏差度（(实际 − 目标) / 目标）超过这个百分数时，即使是绿灯、蓝灯也要说明（如河北），如 `"50%"`。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation_threshold: Option<String>,
    /// 红灯、黄灯指标是否还必须填写全年预计完成情况（如天津）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast_required: Option<bool>,
}

/// How a level (a rate, a percentage, a score, a duration) is compared before the year ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Levels {
    /// 与全年目标比较（满意度 ≥ 90% 在六月仍是 90%）。
    #[default]
    Full,
    /// 按字面规则乘以 月份/12（满意度 ≥ 90% 在六月是 45%）。
    ProRated,
}

/// Which lights need a 偏差原因.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonRequired {
    /// 红灯和黄灯（多数省份）。
    #[default]
    RedAndYellow,
    /// 只有红灯（如宁夏）。
    Red,
}

impl Monitor {
    pub fn is_empty(&self) -> bool {
        self == &Monitor::default()
    }

    /// The threshold as a percent number (`"50%"` → 50); `None` when unset or unreadable.
    pub fn threshold(&self) -> Option<Decimal> {
        let text = self.deviation_threshold.as_deref()?.trim();
        let number = text.strip_suffix(['%', '％']).unwrap_or(text).trim();
        number
            .parse::<Decimal>()
            .ok()
            .filter(|d| *d >= Decimal::ZERO)
    }
}
