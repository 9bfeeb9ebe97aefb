//! `direction-contradiction` (JX0112): a written operator against the direction the name states
//! (`投诉率 >= 5%`, `满意度 <= 90%`, `事故数 >= 1`). Only names whose direction is plain are read:
//! a 质量 with a time limit or a 控制率 says nothing about which way is better.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::words::Words;
use crate::model::{Comparison, Condition, Polarity, Spec};

/// Names of something that should be small: complaints, accidents, errors.
static LOWER: Words = Words::new(&[
    "投诉",
    "事故",
    "差错",
    "错误率",
    "故障率",
    "发生率",
    "失败率",
    "违规",
    "违纪",
    "流失率",
    "逾期率",
    "不合格率",
    "空置率",
    "案发",
]);

/// Endings of something that should be large.
const HIGHER: &[&str] = &[
    "满意度",
    "合格率",
    "达标率",
    "完成率",
    "覆盖率",
    "知晓率",
    "及时率",
    "到位率",
    "通过率",
    "成活率",
    "利用率",
    "排除率",
    "整改率",
    "数量",
    "人数",
    "个数",
    "户数",
    "人次",
];

/// The direction a name states, if it states one plainly.
fn direction(name: &str) -> Option<Polarity> {
    let bare = name.trim_end_matches([')', '）', '%', '。', ' ']);
    let bare = bare.rsplit_once(['(', '（']).map_or(bare, |(b, _)| b);
    if LOWER.is_in(bare) && !bare.contains('无') {
        return Some(Polarity::Lower);
    }
    HIGHER
        .iter()
        .any(|w| bare.ends_with(w))
        .then_some(Polarity::Higher)
}

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for indicator in spec.all_indicators() {
        let Some(polarity) = direction(indicator.name) else {
            continue;
        };
        for clause in indicator.target.clauses() {
            let Condition::Compare {
                op: Some(op),
                stated: true,
                bound,
                op_span,
                ..
            } = &clause.condition
            else {
                continue;
            };
            let value = bound.display().replace(' ', "");
            let (why, help) = match (polarity, op) {
                (Polarity::Higher, Comparison::Le | Comparison::Lt) => {
                    ("越高越好", format!("写作 `>= {value}`：目标是至少达到多少"))
                }
                (Polarity::Lower, Comparison::Ge | Comparison::Gt) => (
                    "越低越好",
                    format!("写作 `<= {value}`：目标是最多不超过多少"),
                ),
                _ => continue,
            };
            found.push(
                Diagnostic::new(Code::DirectionContradiction, op_span.unwrap_or(clause.span))
                    .arg("name", indicator.name)
                    .arg("why", why)
                    .arg("op", op.symbol())
                    .arg("help_detail", help),
            );
        }
    }
    found
}
