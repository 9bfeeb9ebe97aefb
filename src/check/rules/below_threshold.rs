//! `below-threshold` (JX0108): a target set lower than the minimum a finance bureau imposes in
//! `jixiao.toml` (`[[thresholds]] category = "满意度", min = "85%"`).

use rust_decimal::Decimal;

use crate::config::{Settings, Threshold, split_number};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Category, Comparison, Condition, IndicatorRef, Level1, Level2, Quantity, Spec};

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for threshold in &settings.all_thresholds() {
        let Some(min) = minimum(threshold) else {
            continue;
        };
        for indicator in spec.all_indicators() {
            if applies(threshold, indicator) {
                found.extend(finding(indicator, &min, &threshold.min));
            }
        }
    }
    found
}

/// What the config floor cannot judge about thresholds: categories that name no 一级 / 二级
/// category, minimums whose unit is unknown. Each is the offending text and why.
pub fn config_problems(settings: &Settings) -> Vec<(&str, String)> {
    let mut problems = Vec::new();
    for threshold in &settings.thresholds {
        if read_category(&threshold.category).is_none() {
            let text = threshold.category.as_str();
            problems.push((
                text,
                format!("阈值的类别 `{text}` 不是已知的一级或二级指标"),
            ));
        }
        if split_number(&threshold.min).is_some() && minimum(threshold).is_none() {
            let text = threshold.min.as_str();
            problems.push((text, format!("阈值 `{text}` 的单位无法识别")));
        }
    }
    problems
}

fn read_category(text: &str) -> Option<(Level1, Option<Level2>)> {
    let mut parts = text.split(['.', '/', '·', '．']);
    let level1 = Level1::read(parts.next()?.trim())?;
    match parts.next() {
        None => Some((level1, None)),
        Some(word) => Some((level1, Some(Level2::read(level1, word.trim())?))),
    }
}

fn applies(threshold: &Threshold, indicator: IndicatorRef<'_>) -> bool {
    let Some((level1, level2)) = read_category(&threshold.category) else {
        return false;
    };
    let Some(&Category {
        level1: own1,
        level2: own2,
        ..
    }) = indicator.category
    else {
        return false;
    };
    own1 == level1
        && (level2.is_none() || level2 == own2)
        && threshold
            .name_contains
            .as_ref()
            .is_none_or(|part| indicator.name.contains(part.as_str()))
}

/// The threshold as a quantity: `"85%"` → 85 %, `"1万册"` → 10000 册.
fn minimum(threshold: &Threshold) -> Option<Quantity> {
    crate::check::configured::quantity(&threshold.min)
}

/// The lowest value a target promises, when it promises a lower bound: `>= 90%`, `90%-95%`.
fn lower_bound(indicator: IndicatorRef<'_>) -> Option<&Quantity> {
    let clause = indicator.target.clauses().first()?;
    match &clause.condition {
        Condition::Compare {
            op: Some(Comparison::Ge | Comparison::Gt | Comparison::Eq),
            bound,
            ..
        } => Some(bound),
        Condition::Range { low, .. } => Some(low),
        _ => None,
    }
}

fn finding(indicator: IndicatorRef<'_>, min: &Quantity, min_text: &str) -> Option<Diagnostic> {
    let bound = lower_bound(indicator)?;
    let value = in_unit_of(bound, min)?;
    (value < min.value).then(|| {
        Diagnostic::new(Code::BelowThreshold, bound.span)
            .arg("name", indicator.name)
            .arg("stated", bound.display())
            .arg("min", min_text)
    })
}

/// The bound's value in the minimum's unit, when the two compare.
fn in_unit_of(bound: &Quantity, min: &Quantity) -> Option<Decimal> {
    match (&bound.unit, &min.unit) {
        (None, None) => Some(bound.value),
        (Some(from), Some(to)) => from.convert(bound.value, to),
        _ => None,
    }
}
