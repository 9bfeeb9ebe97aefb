//! `vague-target` (JX0101): a target with no number and no declared grade that uses vague wording
//! (提升, 满足, 良好 without a scale, 效果明显, 有力保障 …); `check::measurability` decides.

use crate::check::measurability::{Problem, Verdict, judge_wording};
use crate::check::vocabulary::GRADE_WORDS;
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{IndicatorRef, Level1, Spec};
use crate::source::Span;

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    let extra = &settings.vocabulary.vague_words;
    spec.all_indicators()
        .filter_map(|indicator| finding(indicator, extra))
        .collect()
}

fn finding(indicator: IndicatorRef<'_>, extra: &[String]) -> Option<Diagnostic> {
    let Some(Verdict::Unmeasurable(Problem::Vague { at, word })) = judge_wording(indicator, extra)
    else {
        return None;
    };
    let target = &indicator.target;
    let start = target.span.start + at;
    let reason = if GRADE_WORDS.contains(&word) {
        format!("「{word}」是等级用语，但没有声明等级")
    } else if ["好坏", "高中低", "优良中差"].contains(&word) {
        format!("「{word}」只列出了等级，没有写期望达到哪一级")
    } else {
        format!("「{word}」只说了方向或评价，没有可核对的数值")
    };
    Some(
        Diagnostic::new(Code::VagueTarget, Span::new(start, start + word.len()))
            .arg("text", &target.text)
            .arg("reason", reason)
            .arg("word", word)
            .arg("example", example(indicator)),
    )
}

/// A compliant target for an indicator of this kind.
pub fn example(indicator: IndicatorRef<'_>) -> &'static str {
    let name = indicator.name;
    if indicator.level1() == Some(Level1::Satisfaction) || name.contains("满意") {
        ">= 90%"
    } else if name.ends_with('率')
        || name.ends_with('度')
        || ["质量", "能力", "效应", "效果", "水平", "效率"]
            .iter()
            .any(|w| name.contains(w))
    {
        ">= 95%"
    } else {
        ">= 10个"
    }
}
