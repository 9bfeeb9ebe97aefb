//! Column headings of the one-row-per-indicator template, recognised by name (with the variants
//! budget systems and published tables use), and the `--columns` map for unusual ones.

use crate::model::Fund;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Year,
    Department,
    Agency,
    Project,
    Classified,
    Amount(Fund),
    Goal,
    Level1,
    Level2,
    Name,
    Value,
    Operator,
    Unit,
    Kind,
    Explanation,
    Weight,
    Scoring,
    Remark,
    /// 实际完成值: a self-evaluation's actual value.
    Actual,
    /// 得分: the score a self-evaluation gives.
    Score,
    /// 偏差原因分析及改进措施.
    Deviation,
    /// 指标方向 (正向 / 反向).
    Direction,
}

/// Every field with its canonical heading (first) and the variants recognised.
const HEADINGS: &[(Field, &[&str])] = &[
    (Field::Year, &["年度", "预算年度"]),
    (
        Field::Department,
        &["部门", "部门名称", "主管部门", "预算部门"],
    ),
    (
        Field::Agency,
        &[
            "预算单位",
            "单位名称",
            "预算单位名称",
            "资金使用单位",
            "实施单位",
        ],
    ),
    (
        Field::Project,
        &["项目名称", "项目", "项目支出名称", "项目名称(资金使用单位)"],
    ),
    (Field::Classified, &["涉密"]),
    (
        Field::Amount(Fund::Total),
        &[
            "总计",
            "合计",
            "年度资金总额",
            "预算金额",
            "项目金额",
            "预算数",
        ],
    ),
    (
        Field::Amount(Fund::Fiscal),
        &["财政拨款", "当年财政拨款", "其中:当年财政拨款"],
    ),
    (Field::Amount(Fund::Special), &["财政专户拨款", "财政专户"]),
    (Field::Amount(Fund::Other), &["其他资金"]),
    (
        Field::Goal,
        &["绩效目标", "年度绩效目标", "本年度绩效目标", "年度目标"],
    ),
    (Field::Level1, &["一级指标", "一级"]),
    (Field::Level2, &["二级指标", "二级"]),
    (
        Field::Name,
        &[
            "三级指标",
            "三级指标名称",
            "指标名称",
            "具体指标",
            "指标内容",
            "三级",
            WEAK_NAME,
        ],
    ),
    (
        Field::Value,
        &[
            "指标值",
            "年度指标值",
            "指标值及单位",
            "目标值",
            "绩效指标值",
            "年度目标值",
            "预期指标值",
            "全年指标值",
            "预期目标值",
            "指标值(含计量单位)",
        ],
    ),
    (
        Field::Operator,
        &["计算符号", "符号", "比较符号", "运算符号", "比较方式"],
    ),
    (Field::Unit, &["计量单位", "度量单位", "单位"]),
    (Field::Kind, &["指标值类型", "指标类型", "指标性质"]),
    (Field::Explanation, &["指标解释", "指标说明", "指标值说明"]),
    (Field::Weight, &["权重", "分值", "指标权重"]),
    (
        Field::Scoring,
        &["评(扣)分标准", "评分标准", "扣分标准", "评扣分标准"],
    ),
    (Field::Remark, &["备注"]),
    (
        Field::Actual,
        &[
            "实际完成值",
            "完成值",
            "实际值",
            "全年实际值",
            "实际完成情况",
        ],
    ),
    (Field::Score, &["得分", "自评得分"]),
    (
        Field::Deviation,
        &[
            "偏差原因分析及改进措施",
            "偏差原因分析",
            "偏差原因",
            "未完成原因分析",
            "原因分析",
            "未完成原因",
        ],
    ),
    (Field::Direction, &["指标方向", "方向"]),
];

/// `绩效指标` heads the name column of some tables, and sits beside or above the 一级/二级/三级
/// columns in the self-evaluation form: a name column only when no other heading names one.
pub const WEAK_NAME: &str = "绩效指标";

/// English names accepted in `--columns` besides the Chinese headings.
const KEYS: &[(&str, Field)] = &[
    ("year", Field::Year),
    ("department", Field::Department),
    ("agency", Field::Agency),
    ("project", Field::Project),
    ("classified", Field::Classified),
    ("total", Field::Amount(Fund::Total)),
    ("fiscal", Field::Amount(Fund::Fiscal)),
    ("special", Field::Amount(Fund::Special)),
    ("other", Field::Amount(Fund::Other)),
    ("goal", Field::Goal),
    ("level1", Field::Level1),
    ("level2", Field::Level2),
    ("name", Field::Name),
    ("value", Field::Value),
    ("operator", Field::Operator),
    ("unit", Field::Unit),
    ("kind", Field::Kind),
    ("explanation", Field::Explanation),
    ("weight", Field::Weight),
    ("scoring", Field::Scoring),
    ("remark", Field::Remark),
    ("actual", Field::Actual),
    ("score", Field::Score),
    ("deviation", Field::Deviation),
    ("direction", Field::Direction),
];

impl Field {
    /// The canonical heading, as the export writes it.
    pub fn heading(self) -> &'static str {
        HEADINGS
            .iter()
            .find(|(f, _)| *f == self)
            .and_then(|(_, names)| names.first())
            .copied()
            .unwrap_or("")
    }
}

/// Headings the user mapped with `--columns "原列名=字段,…"`.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    mapped: Vec<(String, Field)>,
}

impl Columns {
    /// Parses `原列名=字段` pairs separated by `,` `，` or `;`; the field is a heading such as
    /// `三级指标` or an English key such as `name`.
    pub fn parse(map: &str) -> Result<Columns, String> {
        let mut mapped = Vec::new();
        for pair in map.split([',', '，', ';', '；']).map(str::trim) {
            if pair.is_empty() {
                continue;
            }
            let Some((heading, field)) = pair.split_once(['=', '＝']) else {
                return Err(format!("--columns 的「{pair}」应写成 原列名=字段"));
            };
            let Some(field) = field_named(field.trim()) else {
                return Err(format!(
                    "--columns：不认识字段「{}」；可用的字段有 {}",
                    field.trim(),
                    KEYS.iter()
                        .map(|(k, f)| format!("{}({k})", f.heading()))
                        .collect::<Vec<_>>()
                        .join("、")
                ));
            };
            mapped.push((normalize(heading), field));
        }
        Ok(Columns { mapped })
    }

    /// What a heading names: the user's map first, then the known headings.
    pub fn field(&self, heading: &str) -> Option<Field> {
        // A heading is short; a long cell (a goal, a description) is never one.
        if heading.len() > 120 {
            return None;
        }
        let heading = normalize(heading);
        if heading.is_empty() {
            return None;
        }
        self.mapped
            .iter()
            .find(|(h, _)| *h == heading)
            .map(|(_, f)| *f)
            .or_else(|| known(&heading))
            .or_else(|| {
                // `年度指标值(A)`, `三级指标(必填)`: the heading without its remark.
                let bare = without_brackets(&heading);
                (bare != heading).then(|| known(&bare)).flatten()
            })
            .or_else(|| loose(&without_brackets(&heading)))
    }

    /// The `--columns` pairs that would map these headings, for a message: each unknown heading
    /// with the field its words suggest.
    pub fn propose(headings: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for heading in headings {
            let h = normalize(heading);
            let guess = [
                ("名称", Field::Name),
                ("指标", Field::Name),
                ("值", Field::Value),
                ("目标", Field::Value),
                ("类别", Field::Level1),
                ("一级", Field::Level1),
                ("二级", Field::Level2),
                ("项目", Field::Project),
                ("单位", Field::Unit),
            ]
            .into_iter()
            .find(|(word, _)| h.contains(word));
            if let Some((_, field)) = guess
                && Columns::default().field(heading).is_none()
                && let Some((key, _)) = KEYS.iter().find(|(_, f)| *f == field)
            {
                out.push(format!("{}={key}", heading.trim()));
            }
        }
        out
    }
}

/// A heading that is none of the known ones but says what it holds in its words: `区域目标值`,
/// `指标目标值`, `年初目标值`, `全年实际完成值`. Short headings only: a sentence is not a heading.
fn loose(heading: &str) -> Option<Field> {
    if heading.chars().count() > 16 {
        return None;
    }
    let has = |word: &str| heading.contains(word);
    Some(if has("实际") || has("完成值") || has("完成情况") {
        Field::Actual
    } else if has("偏差") || has("原因") {
        Field::Deviation
    } else if has("得分") {
        Field::Score
    } else if has("目标值")
        || has("指标值")
        || has("标准值")
        || has("数值")
        || has("实现值")
        || has("预期值")
    {
        Field::Value
    } else if has("三级指标") {
        Field::Name
    } else if has("一级指标") {
        Field::Level1
    } else if has("二级指标") {
        Field::Level2
    } else if has("计量单位") || has("度量单位") {
        Field::Unit
    } else if has("符号") {
        Field::Operator
    } else if has("性质") {
        Field::Kind
    } else if has("方向") {
        Field::Direction
    } else if has("类别") {
        Field::Level1
    } else if has("权重") || has("分值") {
        Field::Weight
    } else if has("指标解释") || has("指标说明") {
        Field::Explanation
    } else {
        return None;
    })
}

fn known(heading: &str) -> Option<Field> {
    // The headings normalized once: every cell of a sheet is compared with them.
    static NORMALIZED: std::sync::OnceLock<Vec<(String, Field)>> = std::sync::OnceLock::new();
    NORMALIZED
        .get_or_init(|| {
            HEADINGS
                .iter()
                .flat_map(|(f, names)| names.iter().map(move |n| (normalize(n), *f)))
                .collect()
        })
        .iter()
        .find(|(n, _)| n == heading)
        .map(|(_, f)| *f)
}

/// A heading with its bracketed remarks taken out.
pub fn without_brackets(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn field_named(word: &str) -> Option<Field> {
    KEYS.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(word))
        .map(|(_, f)| *f)
        .or_else(|| Columns::default().field(word))
}

/// Headings compare without spaces, stars (required-field marks), colons, or full-width brackets.
pub fn normalize(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            c => crate::model::category::simplified(c),
        })
        .collect::<String>()
        .trim_end_matches(':')
        .to_owned()
}
