//! `unmeasurable-target` (JX0102): a target that states an action or outcome in words (通过保密验收,
//! 完成年度工作任务) with no number and no grade, but without vague wording.

use crate::check::vocabulary::vague_word;
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Meaning, Spec};

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    spec.all_indicators()
        .filter(|i| matches!(i.target.meaning, Meaning::Unmeasurable))
        .filter(|i| vague_word(&i.target.text, &settings.vocabulary.vague_words).is_none())
        .map(|i| {
            Diagnostic::new(Code::UnmeasurableTarget, i.target.span).arg("text", &i.target.text)
        })
        .collect()
}
