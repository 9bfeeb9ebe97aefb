//! `empty-level2` (JX0207): a project written with 二级 on every indicator whose 产出 has no
//! 数量, 质量 or 时效 indicator.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Level1, Level2, Spec};

const REQUIRED: [(Level2, &str, &str); 3] = [
    (
        Level2::Quantity,
        "数量指标",
        "`产出.数量 培训人次 >= 500人次`",
    ),
    (Level2::Quality, "质量指标", "`产出.质量 验收合格率 = 100%`"),
    (
        Level2::Timeliness,
        "时效指标",
        "`产出.时效 完成时间 2023年12月31日前`",
    ),
];

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (_, project) in spec.projects() {
        let indicators = &project.indicators;
        let outputs: Vec<_> = (indicators.iter())
            .filter(|i| i.category.level1 == Level1::Output)
            .collect();
        if project.classified
            || outputs.is_empty()
            || indicators.iter().any(|i| i.category.level2.is_none())
        {
            continue;
        }
        let missing: Vec<_> = (REQUIRED.iter())
            .filter(|(level, ..)| !outputs.iter().any(|i| i.category.level2 == Some(*level)))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let words: Vec<&str> = missing.iter().map(|(_, w, _)| *w).collect();
        let examples: Vec<&str> = missing.iter().map(|(.., e)| *e).collect();
        found.push(
            Diagnostic::new(Code::EmptyLevel2, project.span)
                .arg("name", &project.name)
                .arg("missing", words.join("、"))
                .arg("example", examples.join("、")),
        );
    }
    found
}
