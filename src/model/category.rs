//! The indicator hierarchy: 一级 and 二级 categories, with the regional synonyms folded in, and
//! `read_label`, the general reading of a category as real tables write it (weights, marks,
//! affixes, combined labels, OCR slips).

use rust_decimal::Decimal;
use serde::Serialize;

/// 一级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Level1 {
    #[serde(rename = "产出")]
    Output,
    #[serde(rename = "效益")]
    Benefit,
    #[serde(rename = "满意度")]
    Satisfaction,
    /// Its own 一级 in the 2021 central layout (财预〔2021〕101号).
    #[serde(rename = "成本")]
    Cost,
    /// 决策 and 过程: the first two 一级 of the evaluation framework of 财预〔2020〕10号.
    #[serde(rename = "决策")]
    Decision,
    #[serde(rename = "过程")]
    Process,
    /// A category jixiao does not know; the label as written is in `Category::written`.
    #[serde(rename = "其他")]
    Other,
}

/// 二级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Level2 {
    #[serde(rename = "数量")]
    Quantity,
    #[serde(rename = "质量")]
    Quality,
    #[serde(rename = "时效")]
    Timeliness,
    #[serde(rename = "成本")]
    Cost,
    #[serde(rename = "经济效益")]
    Economic,
    #[serde(rename = "社会效益")]
    Social,
    #[serde(rename = "生态效益")]
    Ecological,
    #[serde(rename = "可持续影响")]
    Sustainable,
    #[serde(rename = "服务对象满意度")]
    Beneficiary,
    #[serde(rename = "经济成本")]
    EconomicCost,
    #[serde(rename = "社会成本")]
    SocialCost,
    #[serde(rename = "生态环境成本")]
    EcologicalCost,
    #[serde(rename = "项目立项")]
    Approval,
    #[serde(rename = "绩效目标")]
    Goals,
    #[serde(rename = "资金投入")]
    Funding,
    #[serde(rename = "资金管理")]
    FundManagement,
    #[serde(rename = "组织实施")]
    Implementation,
    /// A 二级 jixiao does not know under its 一级; the label as written is in `Category::written`.
    #[serde(rename = "其他")]
    Other,
}

/// Where an indicator stands in the hierarchy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Category {
    pub level1: Level1,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level2: Option<Level2>,
    /// The category as written (`一级.二级`) when either level is `Other`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

pub const LEVEL1_WORDS: &str = "产出、效益、满意度、成本、决策、过程";

const KNOWN1: [Level1; 6] = [
    Level1::Output,
    Level1::Benefit,
    Level1::Satisfaction,
    Level1::Cost,
    Level1::Decision,
    Level1::Process,
];

impl Level1 {
    /// Every known 一级, in table order (completion, nearest-word search).
    pub fn known() -> [Level1; 6] {
        KNOWN1
    }

    pub fn read(word: &str) -> Option<Level1> {
        Some(match strip(word) {
            "产出" => Level1::Output,
            "效益" | "效果" => Level1::Benefit,
            "满意度" => Level1::Satisfaction,
            "成本" => Level1::Cost,
            "决策" => Level1::Decision,
            "过程" => Level1::Process,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Level1::Output => "产出",
            Level1::Benefit => "效益",
            Level1::Satisfaction => "满意度",
            Level1::Cost => "成本",
            Level1::Decision => "决策",
            Level1::Process => "过程",
            Level1::Other => "其他",
        }
    }

    /// The 二级 names allowed under this 一级, for messages.
    pub fn level2_words(self) -> &'static str {
        match self {
            Level1::Output => "数量、质量、时效、成本",
            Level1::Benefit => "经济效益、社会效益、生态效益、可持续影响",
            Level1::Satisfaction => "服务对象满意度",
            Level1::Cost => "经济成本、社会成本、生态环境成本",
            Level1::Decision => "项目立项、绩效目标、资金投入",
            Level1::Process => "资金管理、组织实施",
            Level1::Other => "",
        }
    }
}

const KNOWN2: [Level2; 17] = [
    Level2::Quantity,
    Level2::Quality,
    Level2::Timeliness,
    Level2::Cost,
    Level2::Economic,
    Level2::Social,
    Level2::Ecological,
    Level2::Sustainable,
    Level2::Beneficiary,
    Level2::EconomicCost,
    Level2::SocialCost,
    Level2::EcologicalCost,
    Level2::Approval,
    Level2::Goals,
    Level2::Funding,
    Level2::FundManagement,
    Level2::Implementation,
];

impl Level2 {
    /// Reads a 二级 word under `parent`; `None` if unknown there.
    pub fn read(parent: Level1, word: &str) -> Option<Level2> {
        let level2 = Level2::word(strip(word))?;
        (level2.parent() == parent || (level2 == Level2::Cost && parent == Level1::Cost))
            .then_some(level2)
    }

    /// A 二级 word under any parent.
    fn word(word: &str) -> Option<Level2> {
        Some(match word {
            "数量" => Level2::Quantity,
            "质量" => Level2::Quality,
            "时效" | "进度" | "产出进度" => Level2::Timeliness,
            "成本" => Level2::Cost,
            "经济效益" => Level2::Economic,
            "社会效益" => Level2::Social,
            "生态效益" | "环境效益" => Level2::Ecological,
            "可持续影响" => Level2::Sustainable,
            "服务对象满意度" | "满意度" | "社会公众或服务对象满意度" => {
                Level2::Beneficiary
            }
            "经济成本" => Level2::EconomicCost,
            "社会成本" => Level2::SocialCost,
            "生态环境成本" => Level2::EcologicalCost,
            "项目立项" | "立项" => Level2::Approval,
            "绩效目标" => Level2::Goals,
            "资金投入" => Level2::Funding,
            "资金管理" => Level2::FundManagement,
            "组织实施" => Level2::Implementation,
            _ => return None,
        })
    }

    pub fn parent(self) -> Level1 {
        match self {
            Level2::Quantity | Level2::Quality | Level2::Timeliness | Level2::Cost => {
                Level1::Output
            }
            Level2::Economic | Level2::Social | Level2::Ecological | Level2::Sustainable => {
                Level1::Benefit
            }
            Level2::Beneficiary => Level1::Satisfaction,
            Level2::EconomicCost | Level2::SocialCost | Level2::EcologicalCost => Level1::Cost,
            Level2::Approval | Level2::Goals | Level2::Funding => Level1::Decision,
            Level2::FundManagement | Level2::Implementation => Level1::Process,
            Level2::Other => Level1::Other,
        }
    }
}

/// `产出指标` and `产出` are the same category.
fn strip(word: &str) -> &str {
    word.strip_suffix("指标").unwrap_or(word)
}

/// How a label was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// The label is a known word (after weights, marks and affixes are taken off).
    Known,
    /// Several 二级 in one label (`社会、经济、生态效益指标`): their 一级, no 二级.
    Combined,
    /// A known word inside the label (`顼目产出`, `过程管理`).
    Contained,
    /// No known word in it; the nearest known word by edit distance.
    Nearest,
    /// Not read: carried as written.
    Unknown,
}

/// A category label read the general way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub category: Category,
    /// A weight written in a label (`产出指标(50分)`), with the level it belongs to (1 or 2).
    pub weights: Vec<(u8, Decimal)>,
    pub how: How,
    /// The nearest known category, for messages about an unknown one.
    pub nearest: Option<String>,
}

/// Reads the 一级 and 二级 labels of a real table: weights and marks (`(50分)`, `(必填)`, `★`, a
/// trailing `等`) come off, then the words known to the language are found by rule (a known word,
/// a known word with other words around it, a list of 二级 sharing a suffix), and failing that
/// the nearest known word within one edit in three characters. A label not read stays as written.
pub fn read_label(level1: &str, level2: &str) -> Reading {
    let (core1, weight1) = clean(level1);
    let (core2, weight2) = clean(level2);
    let mut weights = Vec::new();
    let mut first = read_one(&core1, Level1::read, level1_words());
    let mut core2 = core2;
    // A 二级 column holding a 一级 word (`实施效果指标 | 产出指标`, `项目绩效 | 产出目标`): that
    // word is the 一级, unless the 二级 reads as a 二级 (`成本指标` under 产出).
    let as_level2 = !core2.is_empty() && read_two(first.0, &core2).0.is_some();
    if !as_level2
        && let (Some(level1), _) = read_one(&strip_affixes(&core2), Level1::read, level1_words())
        && (first.0.is_none() || Level1::read(&strip_affixes(&core2)).is_some())
    {
        first = (Some(level1), How::Contained);
        core2.clear();
        // The weight of the 一级 label is of a grouping above the categories; the 二级 label's
        // weight is now the 一级's.
        weights.extend(weight2.map(|w| (1, w)));
    } else {
        weights.extend(weight1.map(|w| (1, w)));
        weights.extend(weight2.map(|w| (2, w)));
    }
    let second = (!core2.is_empty()).then(|| read_two(first.0, &core2));
    let mut how = first.1;
    let mut level1_found = first.0;
    let mut level2_found = None;
    if let Some((level2, how2)) = second {
        how = worse(how, how2);
        match level2 {
            Some(TwoReading::One(l2)) => {
                // A 二级 decides its 一级 when the 一级 label is missing or unknown, and a
                // satisfaction 二级 filed under 效益 (the 10号 framework) is a 满意度 indicator.
                if level1_found.is_none_or(|l1| l1 != l2.parent()) {
                    let fits = level1_found.is_none()
                        || core1.is_empty()
                        || (l2 == Level2::Beneficiary && level1_found == Some(Level1::Benefit));
                    if fits {
                        level1_found = Some(l2.parent());
                    }
                }
                if level1_found == Some(l2.parent())
                    || (l2 == Level2::Cost && level1_found == Some(Level1::Cost))
                {
                    level2_found = Some(l2);
                } else {
                    how = How::Unknown;
                    level2_found = Some(Level2::Other);
                }
            }
            Some(TwoReading::Several(parent)) => {
                if level1_found.is_none() {
                    level1_found = Some(parent);
                }
                if level1_found == Some(parent) {
                    how = worse(how, How::Combined);
                } else {
                    how = How::Unknown;
                    level2_found = Some(Level2::Other);
                }
            }
            None => {
                how = How::Unknown;
                level2_found = Some(Level2::Other);
            }
        }
    } else if level1_found.is_none()
        && let Some(l2) = read_one(&core1, Level2::word, level2_words()).0
    {
        // `数量指标` in the 一级 column: the 一级 it belongs to, with that 二级.
        level1_found = Some(l2.parent());
        level2_found = Some(l2);
    }
    let level1_found = level1_found.unwrap_or(Level1::Other);
    if level1_found == Level1::Other {
        how = How::Unknown;
    }
    let unknown = level1_found == Level1::Other || level2_found == Some(Level2::Other);
    let written = unknown.then(|| written_label(level1, level2));
    let nearest = unknown.then(|| nearest_label(&core1, &core2)).flatten();
    Reading {
        category: Category {
            level1: level1_found,
            level2: level2_found,
            written,
        },
        weights,
        how,
        nearest,
    }
}

/// The nearest known category to an unknown label, for the help line (`产出` or `产出.数量`).
pub fn nearest_label(level1: &str, level2: &str) -> Option<String> {
    let (core1, _) = clean(level1);
    let (core2, _) = clean(level2);
    let first = Level1::read(&core1)
        .or_else(|| nearest(&core1, level1_words(), 100).map(|(l, _)| l))
        .or_else(|| contained(&core1, level1_words()));
    let second = if core2.is_empty() {
        None
    } else {
        let words: Vec<(&'static str, Level2)> = level2_words()
            .into_iter()
            .filter(|(_, l)| first.is_none_or(|f| l.parent() == f))
            .collect();
        Level2::word(&core2)
            .or_else(|| contained(&core2, words.clone()))
            .or_else(|| nearest(&core2, words, 100).map(|(l, _)| l))
    };
    let first = first.or_else(|| second.map(Level2::parent))?;
    Some(match second {
        Some(second) => format!("{}.{}", first.label(), second_label(second)),
        None => first.label().to_owned(),
    })
}

fn second_label(level2: Level2) -> String {
    serde_json::to_value(level2)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The label as a spec can carry it: one word per level (spaces and level separators taken out).
pub fn written_label(level1: &str, level2: &str) -> String {
    let first = written_level(level1);
    let second = written_level(level2);
    let first = if first.is_empty() {
        "未分类".to_owned()
    } else if !crate::syntax::reads_as_category(&first) {
        // A 一级 cell reading `项目` would start a statement: marked as quoted from the table.
        format!("「{first}」")
    } else {
        first
    };
    if second.is_empty() {
        first
    } else {
        format!("{first}.{second}")
    }
}

/// One level of a label as one word of a spec's category.
pub fn written_level(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '.' | '/' | '·' | '．' => '、',
            '"' | '#' | '{' | '}' => '＂',
            c => c,
        })
        .collect()
}

fn worse(a: How, b: How) -> How {
    let rank = |h: How| match h {
        How::Known => 0,
        How::Combined => 1,
        How::Contained => 2,
        How::Nearest => 3,
        How::Unknown => 4,
    };
    if rank(a) >= rank(b) { a } else { b }
}

enum TwoReading {
    One(Level2),
    /// Several 二级 of one 一级.
    Several(Level1),
}

fn read_two(parent: Option<Level1>, core: &str) -> (Option<TwoReading>, How) {
    // `产出数量` is 产出 › 数量.
    let core = parent
        .and_then(|p| core.strip_prefix(p.label()))
        .filter(|w| !w.is_empty())
        .unwrap_or(core);
    let parts: Vec<&str> = core
        .split(['、', '，', ',', '和', '及', '与'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 {
        // `社会、经济、生态效益`: every part takes the suffix of the last one.
        let last = parts[parts.len() - 1];
        let read: Vec<Option<Level2>> = parts
            .iter()
            .map(|p| {
                Level2::word(p).or_else(|| {
                    level2_words()
                        .into_iter()
                        .find(|(w, _)| last.ends_with(w) && w.starts_with(p))
                        .map(|(_, l)| l)
                        .or_else(|| {
                            let tail = suffix_of(last);
                            Level2::word(&format!("{p}{tail}"))
                        })
                })
            })
            .collect();
        if let Some(first) = read.first().copied().flatten()
            && read
                .iter()
                .all(|l| l.is_some_and(|l| l.parent() == first.parent()))
        {
            return (Some(TwoReading::Several(first.parent())), How::Combined);
        }
    }
    let words: Vec<(&'static str, Level2)> = level2_words()
        .into_iter()
        .filter(|(_, l)| parent.is_none_or(|p| l.parent() == p || *l == Level2::Beneficiary))
        .collect();
    let (found, how) = read_one(core, Level2::word, words);
    (found.map(TwoReading::One), how)
}

/// The suffix a list of 二级 shares: `效益` of `生态效益`.
fn suffix_of(word: &str) -> &str {
    for suffix in ["效益", "成本", "满意度"] {
        if word.ends_with(suffix) {
            return suffix;
        }
    }
    ""
}

/// A known word, a known word inside, or the nearest word.
fn read_one<T: Copy>(
    core: &str,
    exact: impl Fn(&str) -> Option<T>,
    words: Vec<(&'static str, T)>,
) -> (Option<T>, How) {
    if core.is_empty() {
        return (None, How::Unknown);
    }
    if let Some(found) = exact(core) {
        return (Some(found), How::Known);
    }
    let stripped = strip_affixes(core);
    if let Some(found) = exact(&stripped) {
        return (Some(found), How::Known);
    }
    if let Some(found) = contained(&stripped, words.clone()) {
        return (Some(found), How::Contained);
    }
    let budget = stripped.chars().count() / 3;
    if let Some((found, _)) = nearest(&stripped, words, budget.max(1)) {
        return (Some(found), How::Nearest);
    }
    (None, How::Unknown)
}

/// The longest known word inside a label; none when two different ones are equally long.
fn contained<T: Copy>(core: &str, words: Vec<(&'static str, T)>) -> Option<T> {
    let mut best: Option<(usize, &str, T)> = None;
    let mut tie = false;
    for (word, value) in words {
        if !core.contains(word) {
            continue;
        }
        let len = word.chars().count();
        match best {
            Some((l, _, _)) if l > len => {}
            Some((l, w, _)) if l == len && w != word => tie = true,
            Some((l, _, _)) if l == len => {}
            _ => {
                best = Some((len, word, value));
                tie = false;
            }
        }
    }
    if tie { None } else { best.map(|(_, _, v)| v) }
}

/// The known word nearest `core` by edit distance, within `budget` edits.
fn nearest<T: Copy>(
    core: &str,
    words: Vec<(&'static str, T)>,
    budget: usize,
) -> Option<(T, usize)> {
    let mut best: Option<(usize, T)> = None;
    for (word, value) in words {
        let d = distance(core, word);
        if d <= budget && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, value));
        }
    }
    best.map(|(d, v)| (v, d))
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// Every spelling of a 一级, with the words tables use for them (`完成` for 产出 in the
/// 项目完成指标 / 项目效果指标 layouts).
/// Whether `text` holds a word the category reader knows (`产出`, `立项`, `可持续`): a cheap test
/// before the reader and its nearest-word search, for text that is most often not a category.
pub fn mentions_known_word(text: &str) -> bool {
    (level1_words().iter().any(|(word, _)| text.contains(word)))
        || level2_words().iter().any(|(word, _)| text.contains(word))
}

fn level1_words() -> Vec<(&'static str, Level1)> {
    vec![
        ("产出", Level1::Output),
        ("完成", Level1::Output),
        ("效益", Level1::Benefit),
        ("效果", Level1::Benefit),
        ("结果", Level1::Benefit),
        ("满意度", Level1::Satisfaction),
        ("成本", Level1::Cost),
        ("决策", Level1::Decision),
        ("过程", Level1::Process),
    ]
}

fn level2_words() -> Vec<(&'static str, Level2)> {
    let mut words: Vec<(&'static str, Level2)> = KNOWN2
        .iter()
        .filter_map(|l| {
            // Tables write the 二级 of 满意度 as plain `满意度` more often than in full.
            let label = match l {
                Level2::Beneficiary => "满意度",
                Level2::Other => return None,
                known => known.label(),
            };
            Some((label, *l))
        })
        .collect();
    words.extend([
        ("进度", Level2::Timeliness),
        ("环境效益", Level2::Ecological),
        ("生态", Level2::Ecological),
        ("可持续", Level2::Sustainable),
    ]);
    words
}

/// Weights and marks off a label: `产出指标(50分)` → (`产出指标`, 50); `数量指标(必填硬性指标)` →
/// `数量指标`; `★`, `*`, leading numbering (`一、`, `1.`), a trailing `等` or `类` and the
/// brackets of any remark go.
pub fn clean(label: &str) -> (String, Option<Decimal>) {
    let mut text = String::with_capacity(label.len());
    for c in label.chars() {
        let c = match c {
            '（' | '【' | '[' | '〔' => '(',
            '）' | '】' | ']' | '〕' => ')',
            '：' => ':',
            c => c,
        };
        if c.is_whitespace() || matches!(c, '★' | '☆' | '*' | '＊' | '※' | '▲' | '△' | '●')
        {
            continue;
        }
        text.push(simplified(c));
    }
    let mut weight = None;
    let mut core = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('(') {
        core.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        let (content, after) = match inner.find(')') {
            Some(close) => (&inner[..close], &inner[close + 1..]),
            None => (inner, ""),
        };
        if weight.is_none() {
            weight = points(content);
        }
        rest = after;
    }
    core.push_str(rest);
    // A weight written without brackets: `产出指标50分`, `产出指标:50分`.
    if weight.is_none()
        && let Some(at) = core.find(|c: char| c.is_ascii_digit())
        && let Some(w) = points(&core[at..])
    {
        weight = Some(w);
        core.truncate(at);
    }
    let mut core = core.trim_end_matches([':', '-', '、']).to_owned();
    // Leading numbering: `一、`, `1.`, `(一)` (brackets already gone).
    let numbering: &[char] = &[
        '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '0', '1', '2', '3', '4', '5',
        '6', '7', '8', '9',
    ];
    let without = core.trim_start_matches(numbering);
    if without.len() < core.len()
        && let Some(rest) = without.strip_prefix(['、', '.', '．', ':'])
        && !rest.is_empty()
    {
        core = rest.to_owned();
    }
    for suffix in ["等", "类"] {
        if let Some(rest) = core.strip_suffix(suffix)
            && !rest.is_empty()
        {
            core = rest.to_owned();
        }
    }
    (core, weight)
}

/// The simplified form of the traditional characters of the words tables are read by (category
/// labels and column headings), so a mirror site converted to traditional characters reads the
/// same way; the cells themselves are kept as written.
pub fn simplified(c: char) -> char {
    const PAIRS: &[(char, char)] = &[
        ('績', '绩'),
        ('標', '标'),
        ('產', '产'),
        ('級', '级'),
        ('滿', '满'),
        ('曉', '晓'),
        ('質', '质'),
        ('時', '时'),
        ('經', '经'),
        ('濟', '济'),
        ('會', '会'),
        ('態', '态'),
        ('續', '续'),
        ('響', '响'),
        ('項', '项'),
        ('稱', '称'),
        ('單', '单'),
        ('數', '数'),
        ('計', '计'),
        ('預', '预'),
        ('門', '门'),
        ('實', '实'),
        ('際', '际'),
        ('價', '价'),
        ('評', '评'),
        ('準', '准'),
        ('額', '额'),
        ('資', '资'),
        ('總', '总'),
        ('財', '财'),
        ('撥', '拨'),
        ('務', '务'),
        ('對', '对'),
        ('這', '这'),
        ('編', '编'),
        ('碼', '码'),
        ('設', '设'),
        ('據', '据'),
        ('說', '说'),
        ('明', '明'),
        ('號', '号'),
        ('報', '报'),
        ('備', '备'),
        ('註', '注'),
        ('負', '负'),
        ('責', '责'),
        ('審', '审'),
        ('核', '核'),
        ('聯', '联'),
        ('繫', '系'),
        ('電', '电'),
        ('話', '话'),
        ('填', '填'),
        ('期', '期'),
        ('護', '护'),
        ('環', '环'),
        ('境', '境'),
        ('長', '长'),
        ('際', '际'),
        ('協', '协'),
        ('調', '调'),
        ('業', '业'),
        ('傳', '传'),
        ('統', '统'),
        ('機', '机'),
        ('構', '构'),
        ('組', '组'),
        ('織', '织'),
        ('劃', '划'),
        ('決', '决'),
        ('過', '过'),
        ('程', '程'),
        ('益', '益'),
        ('發', '发'),
        ('展', '展'),
        ('類', '类'),
        ('別', '别'),
        ('體', '体'),
        ('內', '内'),
        ('容', '容'),
        ('為', '为'),
        ('與', '与'),
        ('權', '权'),
        ('重', '重'),
        ('值', '值'),
        ('幣', '币'),
        ('萬', '万'),
        ('億', '亿'),
        ('個', '个'),
        ('間', '间'),
        ('維', '维'),
        ('證', '证'),
        ('運', '运'),
        ('轉', '转'),
        ('驗', '验'),
        ('收', '收'),
        ('執', '执'),
        ('衛', '卫'),
        ('違', '违'),
        ('為', '为'),
        ('覆', '覆'),
        ('蓋', '盖'),
        ('農', '农'),
        ('優', '优'),
        ('良', '良'),
        ('差', '差'),
        ('極', '极'),
        ('目', '目'),
    ];
    if c.is_ascii() || !('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    static SORTED: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut pairs = PAIRS.to_vec();
        pairs.sort_unstable();
        pairs.dedup_by_key(|(t, _)| *t);
        pairs
    });
    sorted
        .binary_search_by_key(&c, |(t, _)| *t)
        .map_or(c, |i| sorted[i].1)
}

/// `50分`, `50`, `分值50` → 50.
fn points(text: &str) -> Option<Decimal> {
    let text = text
        .trim()
        .trim_start_matches("分值")
        .trim_start_matches("权重")
        .trim_start_matches(':');
    let number = text.strip_suffix('分').unwrap_or(text);
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: Decimal = number.parse().ok()?;
    (value <= Decimal::from(100)).then_some(value)
}

/// The words around a category in real labels: `预期产出指标`, `项目完成指标`, `实施效果指标`.
fn strip_affixes(core: &str) -> String {
    let mut word = core.strip_suffix("指标").unwrap_or(core);
    // `产出目标`, `产出值`, `数量值`: the words some tables put after the category.
    for suffix in ["目标", "值"] {
        word = word
            .strip_suffix(suffix)
            .filter(|w| !w.is_empty())
            .unwrap_or(word);
    }
    for prefix in ["预期", "项目", "实施", "年度", "绩效"] {
        if let Some(rest) = word.strip_prefix(prefix)
            && !rest.is_empty()
        {
            word = rest;
        }
    }
    word.strip_suffix("指标").unwrap_or(word).to_owned()
}
