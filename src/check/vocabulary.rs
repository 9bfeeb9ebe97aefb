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
    // Found in published tables (tests/corpus/labels): praise, direction or a rule to follow,
    // with nothing to check.
    "有力",
    "拓宽",
    "扩大",
    "增加",
    "长远",
    "长期",
    "到位",
    "整洁",
    "有序",
    "严格",
    "规范",
    "健全",
    "预算内",
    "不超过预算",
    "全天候",
    "为主",
    "按规定",
    "按要求",
    "好坏",
    "高中低",
    "优良中差",
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

/// Units people write that the one unit table (`model::measure`) does not know yet, seen in real
/// tables (tests/corpus/labels): a number followed by one of these has a unit, even if jixiao
/// cannot convert it. A unit added to the measure table leaves this list.
const TABLE_UNITS: &[&str] = &["方", "趟", "班", "月", "KVA", "kVA", "千瓦"];

/// A unit, known to the measure table or seen in tables.
pub fn is_unit_word(word: &str) -> bool {
    !word.is_empty() && (crate::model::measure::unit(word).is_some() || TABLE_UNITS.contains(&word))
}

/// What a passed check settles: `通过验收`, `通过审计`.
pub const CHECKS: &[&str] = &[
    "验收", "审核", "审查", "评审", "检查", "考核", "审计", "鉴定", "备案", "评估", "检测", "认证",
];

/// A name that measures a share: 合格率, 满意度, 覆盖, 占比, or the share of a job done with its
/// object (完成高危问题整改, 隐患处置).
pub fn names_share(name: &str) -> bool {
    static SHARE: Words = Words::new(&[
        "率",
        "比例",
        "占比",
        "比重",
        "覆盖",
        "百分比",
        "满意",
        "滿意",
        "知晓",
        "程度",
        "整改",
        "修复",
        "处置",
        "解决",
        "落实",
        "达标",
    ]);
    let name = name.trim_end_matches(['。', '.', ' ', ')', '）']);
    SHARE.is_in(name) || name.ends_with('度')
}

/// A name that counts something: 享受资助人数, 建设项目个数(含续建), 补助县数量.
pub fn counts(name: &str) -> bool {
    let mut bare = name.trim_end();
    while let Some(at) = bare
        .rfind(['(', '（'])
        .filter(|_| bare.ends_with([')', '）']))
    {
        bare = bare[..at].trim_end();
    }
    [
        "数量", "人数", "个数", "户数", "次数", "人次", "件数", "家数", "场次", "期数", "数",
    ]
    .iter()
    .any(|w| bare.ends_with(w))
        && !bare.starts_with("是否")
}
