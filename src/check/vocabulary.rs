//! Words the rules share: vague wording reviewers reject, grade words, names of ratios.

use crate::model::words::{Words, leftmost_longest};

/// Vague wording (domain.md §5): direction or praise without a level. Where one contains another,
/// the longer is found, so the label covers the whole word.
pub const VAGUE_WORDS: &[&str] = &[
    "进一步",
    "应保尽保",
    "不超预算",
    "正面效应",
    "逐步",
    "有所",
    "明显",
    "显著",
    "大幅",
    "稳步",
    "不断",
    "持续",
    "较好",
    "良好",
    "优良",
    "较高",
    "基本",
    "力争",
    "尽量",
    "争取",
    "适当",
    "若干",
    "一定",
    "有效",
    "积极",
    "加强",
    "促进",
    "推动",
    "提升",
    "提高",
    "改善",
    "增强",
    "优化",
    "完善",
    "巩固",
    "满足",
    "满意",
    "相符",
    "符合",
    "正面",
    "左右",
    "约",
];

/// Grade words: measurable only on a declared scale.
pub const GRADE_WORDS: &[&str] = &["良好", "优良", "较好", "满意", "优秀", "合格", "一般"];

/// The first vague word in `text`, built-in or configured, with its byte offset; the longest
/// word wins at one position.
pub fn vague_word<'a>(text: &str, extra: &'a [String]) -> Option<(usize, &'a str)> {
    static BUILT_IN: Words = Words::new(VAGUE_WORDS);
    let configured = leftmost_longest(text, extra.iter().map(String::as_str));
    (BUILT_IN.first_in(text).into_iter())
        .chain(configured)
        .min_by_key(|(at, w)| (*at, usize::MAX - w.len()))
}

/// 合格率, 覆盖率, 占比: names of ratios.
pub fn is_rate(name: &str) -> bool {
    let name = name.trim_end();
    ["率", "比例", "占比", "比重"]
        .iter()
        .any(|e| name.ends_with(e))
}
