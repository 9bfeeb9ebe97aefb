//! `outcome-as-output` (JX0212): a 满意度 or 知晓 indicator filed under 产出 or 成本. Satisfaction
//! and awareness are what the work achieves, not what it delivers: 10号 puts them under 满意度
//! and 效益, and a reviewer moves them there.

use std::borrow::Cow;

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::category::simplified;
use crate::model::{Level1, Spec};

/// Name words of an outcome, with the 一级 it belongs under (names are compared simplified,
/// through the one traditional → simplified table).
const OUTCOMES: &[(&str, &str)] = &[("满意", "满意度"), ("知晓", "效益")];

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    spec.indicators()
        .map(|(_, i)| i)
        .filter(|i| matches!(i.category.level1, Level1::Output | Level1::Cost))
        .filter_map(|i| {
            // Most names have no traditional character: they are compared as they are.
            let traditional = i.name.chars().any(|c| simplified(c) != c);
            let name: Cow<str> = match traditional {
                true => i.name.chars().map(simplified).collect::<String>().into(),
                false => i.name.as_str().into(),
            };
            let (_, home) = OUTCOMES.iter().find(|(word, _)| name.contains(word))?;
            Some(
                Diagnostic::new(Code::OutcomeAsOutput, i.name_span)
                    .arg("name", &i.name)
                    .arg("category", i.category.label())
                    .arg("home", *home),
            )
        })
        .collect()
}
