//! `value-without-number` (JX0110): an operator or a unit and no number (`≧ %`, `公里`);
//! `check::measurability` decides.

use crate::check::measurability::{Problem, Verdict, judge_wording};
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    let extra = &settings.vocabulary.vague_words;
    spec.all_indicators()
        .filter(|i| judge_wording(*i, extra) == Some(Verdict::Unmeasurable(Problem::NoNumber)))
        .map(|i| {
            let text = i.target.text.trim();
            let has_op = text.chars().any(|c| "≥≤><=≧≦＞＜＝﹦═≠".contains(c));
            let unit: String = (text.chars())
                .filter(|c| !c.is_whitespace() && !"≥≤><=≧≦＞＜＝﹦═≠".contains(*c))
                .collect();
            let what = match (has_op, unit.is_empty()) {
                (true, false) => "比较符和计量单位",
                (true, true) => "比较符",
                _ => "计量单位",
            };
            let example = if unit.contains('%') || unit.contains('％') {
                ">= 95%".to_owned()
            } else if unit.is_empty() {
                ">= 10个".to_owned()
            } else {
                format!(
                    ">= 10{}",
                    unit.trim_start_matches(|c: char| !c.is_alphanumeric())
                )
            };
            Diagnostic::new(Code::ValueWithoutNumber, i.target.span)
                .arg("text", text)
                .arg("what", what)
                .arg("example", example)
        })
        .collect()
}
