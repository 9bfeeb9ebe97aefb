//! `satisfaction-as-benefit` (JX0203): a 满意度 indicator filed under 效益, which is how a
//! project ends up with no real 效益 indicator.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Level1, Spec};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (_, project) in spec.projects() {
        let benefits: Vec<_> = (project.indicators.iter())
            .filter(|i| i.category.level1 == Level1::Benefit)
            .collect();
        let satisfied = |name: &str| name.contains("满意") || name.contains("滿意");
        let real = benefits.iter().filter(|i| !satisfied(&i.name)).count();
        for indicator in benefits.iter().filter(|i| satisfied(&i.name)) {
            let detail = if real == 0 {
                "，项目因此没有真正的效益指标"
            } else {
                ""
            };
            found.push(
                Diagnostic::new(Code::SatisfactionAsBenefit, indicator.name_span)
                    .arg("name", &indicator.name)
                    .arg("detail", detail),
            );
        }
    }
    found
}
