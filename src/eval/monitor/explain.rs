//! What a monitoring row must explain: a 偏差原因 with its category on red (and, by default,
//! yellow) rows, 全年预计 where a province requires it, an explanation for a deviation above the
//! configured threshold even on a green or blue row, and 完成目标可能性 / 全年预计 that agree
//! with each other and with the light.

use rust_decimal::Decimal;

use super::Rules;
use super::light::Light;
use crate::config::ReasonRequired;
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::actuals::{self, Entry, Field};

/// The five reason categories of the MOF monitoring template (经费保障偏差原因 …).
pub const CATEGORIES: [&str; 5] = ["经费", "制度", "人员", "硬件", "其他"];

/// 完成目标可能性.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likelihood {
    Certain,
    Possible,
    Impossible,
}

impl Likelihood {
    pub fn read(text: &str) -> Option<Likelihood> {
        match text.trim() {
            "确定能" | "确定" | "能" => Some(Likelihood::Certain),
            "有可能" | "可能" => Some(Likelihood::Possible),
            "完全不可能" | "不可能" => Some(Likelihood::Impossible),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Likelihood::Certain => "确定能",
            Likelihood::Possible => "有可能",
            Likelihood::Impossible => "完全不可能",
        }
    }
}

/// `经费保障偏差原因`, `经费` → `经费`.
pub fn category(text: &str) -> Option<&'static str> {
    let text = text.trim();
    CATEGORIES.into_iter().find(|c| text.starts_with(c))
}

/// One lit row, as the explanation rules see it.
pub struct Facts<'a> {
    pub name: &'a str,
    pub light: Light,
    pub basis: &'a str,
    pub actual: Option<&'a str>,
    pub deviation: Option<Decimal>,
    pub entry: &'a Entry,
    /// Whether 全年预计 meets the full-year target (`None`: not given or not comparable).
    pub forecast_meets: Option<bool>,
    pub forecast: Option<&'a str>,
    pub target: &'a str,
}

/// The findings, all in the actuals file.
pub fn explain(facts: &Facts<'_>, rules: &Rules, out: &mut Vec<Diagnostic>) {
    let entry = facts.entry;
    let m = &entry.monitoring;
    let at = entry
        .actual
        .as_ref()
        .or(entry.name.as_ref())
        .map(|f| f.span)
        .unwrap_or_default();
    if let Some(field) = &m.category
        && category(&field.text).is_none()
    {
        out.push(actuals::unreadable(
            field.span,
            format!("偏差类别「{}」不是五类之一", field.text),
            "偏差类别写 经费、制度、人员、硬件 或 其他",
        ));
    }
    let likelihood = m.likelihood.as_ref().and_then(|field| {
        let read = Likelihood::read(&field.text);
        if read.is_none() {
            out.push(actuals::unreadable(
                field.span,
                format!("完成目标可能性「{}」无法读取", field.text),
                "写 确定能、有可能 或 完全不可能",
            ));
        }
        read.map(|l| (l, field))
    });
    let needs_reason = match facts.light {
        Light::Red => true,
        Light::Yellow => rules.reason_required == ReasonRequired::RedAndYellow,
        _ => false,
    };
    let missing = |detail: &str, also: &str| {
        Diagnostic::new(Code::MissingDeviationReason, at)
            .arg("name", facts.name)
            .arg("light", facts.light.label())
            .arg("basis", facts.basis)
            .arg("detail", detail)
            .arg("also", also)
    };
    if needs_reason {
        if m.reason.is_none() {
            out.push(missing("没有填写偏差原因", "，并写 `整改措施`"));
        } else if m.category.is_none() {
            out.push(missing("偏差原因没有写偏差类别", ""));
        }
        if rules.forecast_required && m.forecast.is_none() {
            out.push(missing(
                "没有填写全年预计完成情况",
                "，以及 `全年预计`（全年预计完成情况）",
            ));
        }
    }
    if let (Some(threshold), Some(deviation)) = (rules.deviation_threshold, facts.deviation)
        && deviation > threshold
        && m.reason.is_none()
        && entry.note.is_none()
        && !needs_reason
    {
        out.push(
            Diagnostic::new(Code::UnexplainedDeviation, at)
                .arg("name", facts.name)
                .arg("actual", facts.actual.unwrap_or("—"))
                .arg("deviation", deviation.round_dp(2).normalize())
                .arg("threshold", threshold.normalize()),
        );
    }
    if let Some(detail) = contradiction(facts, likelihood.map(|(l, _)| l)) {
        let span = likelihood.map_or(at, |(_, f): (Likelihood, &Field)| f.span);
        out.push(
            Diagnostic::new(Code::ContradictoryForecast, span)
                .arg("name", facts.name)
                .arg("detail", detail),
        );
    }
}

fn contradiction(facts: &Facts<'_>, likelihood: Option<Likelihood>) -> Option<String> {
    let forecast = facts.forecast.unwrap_or("—");
    let light = facts.light.label();
    match (likelihood?, facts.forecast_meets, facts.light) {
        (Likelihood::Certain, Some(false), _) => Some(format!(
            "亮{light}，完成目标可能性填“确定能”，全年预计 {forecast} 却达不到目标 {}",
            facts.target
        )),
        (Likelihood::Impossible, Some(true), _) => Some(format!(
            "完成目标可能性填“完全不可能”，全年预计 {forecast} 却能达到目标 {}",
            facts.target
        )),
        (Likelihood::Certain, None, Light::Red) => {
            Some("亮红灯，完成目标可能性却填“确定能”，没有全年预计完成情况支撑".to_owned())
        }
        (Likelihood::Impossible, _, Light::Green | Light::Blue) => {
            Some(format!("亮{light}，完成目标可能性却填“完全不可能”"))
        }
        _ => None,
    }
}
