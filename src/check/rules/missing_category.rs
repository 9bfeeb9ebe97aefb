//! `missing-category` (JX0202): a project (not 涉密) without at least one 产出, one 效益 and one
//! 满意度 indicator.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Level1, Project, Spec};

const REQUIRED: [Level1; 3] = [Level1::Output, Level1::Benefit, Level1::Satisfaction];

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    spec.projects()
        .filter(|(_, p)| !p.classified && !p.incomplete)
        // A category the language does not know is reported first (JX0002); until it is fixed
        // the project cannot be said to lack one.
        .filter(|(_, p)| p.indicators.iter().all(|i| i.category.written.is_none()))
        .filter_map(|(_, p)| finding(p))
        .collect()
}

fn finding(project: &Project) -> Option<Diagnostic> {
    let missing: Vec<Level1> = REQUIRED
        .into_iter()
        .filter(|level| {
            !project
                .indicators
                .iter()
                .any(|i| i.category.level1 == *level)
        })
        .collect();
    if missing.is_empty() {
        return None;
    }
    let words: Vec<&str> = missing.iter().map(|l| l.label()).collect();
    let mut diagnostic = Diagnostic::new(Code::MissingCategory, project.span)
        .arg("name", &project.name)
        .arg("missing", words.join("、"));
    if missing.contains(&Level1::Satisfaction) {
        // A satisfaction indicator filed under another category is the usual cause.
        for indicator in project
            .indicators
            .iter()
            .filter(|i| i.name.contains("满意度"))
        {
            let label = format!(
                "名为满意度，却归在{}指标下",
                indicator.category.level1.label()
            );
            diagnostic = diagnostic.label(indicator.span, label);
        }
    }
    Some(diagnostic)
}
