//! `unmeasurable-target` (JX0102): a target that describes work in words (完成年度工作任务,
//! 严格执行相关制度规定) with no number, date or grade and no vague word; a checkable fact
//! (通过验收, 是/否) is not reported. `check::measurability` decides.

use crate::check::measurability::{Problem, Verdict, judge_wording};
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    let extra = &settings.vocabulary.vague_words;
    spec.all_indicators()
        .filter(|i| judge_wording(*i, extra) == Some(Verdict::Unmeasurable(Problem::Description)))
        .map(|i| {
            Diagnostic::new(Code::UnmeasurableTarget, i.target.span).arg("text", &i.target.text)
        })
        .collect()
}
