//! Which way is better for an indicator, read from its name and the target's unit.
//! Used to give a bare value (`95%`) the operator it implies, and by scoring later.

use super::measure::Dimension;
use super::target::Polarity;
use super::words::Words;

/// Words naming something that should be small: errors, failures, time taken, cost.
static LOWER: Words = Words::new(&[
    "差错",
    "错误",
    "故障",
    "未解决",
    "不合格",
    "事故",
    "投诉",
    "损失",
    "超时",
    "逾期",
    "延误",
    "时间",
    "时长",
    "耗时",
    "用时",
    "成本",
    "费用",
    "结余",
    "偏差",
    "流失",
    "空置",
    "违规",
    "隐患",
    "发生率",
    "缺陷",
]);

/// Words naming work done: as a share, more is better.
static DONE: Words = Words::new(&[
    "整改", "修复", "完成", "达标", "覆盖", "处置", "解决", "落实",
]);

/// Words naming a value that is planned exactly.
static EXACT: Words = Words::new(&["周期", "期限"]);

/// Endings naming a rate or degree that should be high.
const HIGHER_ENDINGS: &[&str] = &["率", "度", "比例", "占比", "比重", "指数"];

/// Endings naming an amount of output.
const AMOUNT_ENDINGS: &[&str] = &[
    "数", "数量", "量", "次数", "场次", "人数", "天数", "期数", "规模", "面积", "频次", "个数",
];

/// The polarity of an indicator named `name` (and `subject`, the words before the value).
pub fn infer(name: &str, subject: Option<&str>, dimension: Option<Dimension>) -> Option<Polarity> {
    let words = [Some(name), subject];
    let any = |list: &Words| words.iter().flatten().any(|w| list.is_in(w));
    let bare = [Some(trimmed(name)), subject.map(trimmed)];
    let ends = |list: &[&str]| {
        bare.iter()
            .flatten()
            .any(|w| list.iter().any(|x| w.ends_with(x)))
    };
    // 费用缴纳准时率: a 率 of something good, even if it names a cost.
    if ends(&[
        "准时率",
        "及时率",
        "完成率",
        "合格率",
        "到位率",
        "执行率",
        "节约率",
    ]) {
        return Some(Polarity::Higher);
    }
    // 无差错率, 无事故率: the share of cases without the bad thing.
    if ends(&["率"]) && words.iter().flatten().any(|w| without_lower(w)) {
        return Some(Polarity::Higher);
    }
    if any(&LOWER) {
        return Some(Polarity::Lower);
    }
    // 完成高危问题整改: the share of a job done.
    if dimension == Some(Dimension::Ratio) && any(&DONE) {
        return Some(Polarity::Higher);
    }
    if any(&EXACT) {
        return Some(Polarity::Exact);
    }
    if ends(HIGHER_ENDINGS) || ends(AMOUNT_ENDINGS) {
        return Some(Polarity::Higher);
    }
    match dimension {
        // A bare count or area is the planned amount of output.
        Some(Dimension::Count | Dimension::Area) => Some(Polarity::Higher),
        _ => None,
    }
}

/// `无` directly before one of the `LOWER` words: 无差错, 无安全事故 does not count.
fn without_lower(name: &str) -> bool {
    name.match_indices('无')
        .any(|(at, none)| LOWER.starts(&name[at + none.len()..]))
}

/// A name without a trailing unit note: `故障平均处理时间(分钟)` ends in 时间.
fn trimmed(name: &str) -> &str {
    let name = name.trim_end();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if name.ends_with(close)
            && let Some(at) = name.rfind(open)
        {
            return name.get(..at).unwrap_or(name);
        }
    }
    name
}

/// The unit note at the end of a name: `故障平均处理时间(分钟)` → `分钟`.
pub fn unit_note(name: &str) -> Option<&str> {
    let name = name.trim_end();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = name.strip_suffix(close)
            && let Some(at) = inner.rfind(open)
        {
            return inner.get(at + open.len_utf8()..);
        }
    }
    None
}
