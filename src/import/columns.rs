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
        &["总计", "合计", "年度资金总额", "预算金额", "项目金额"],
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
    (Field::Level1, &["一级指标"]),
    (Field::Level2, &["二级指标"]),
    (
        Field::Name,
        &["三级指标", "三级指标名称", "指标名称", "绩效指标"],
    ),
    (
        Field::Value,
        &[
            "指标值",
            "年度指标值",
            "指标值及单位",
            "目标值",
            "绩效指标值",
        ],
    ),
    (
        Field::Operator,
        &["计算符号", "符号", "比较符号", "运算符号"],
    ),
    (Field::Unit, &["计量单位", "度量单位"]),
    (Field::Kind, &["指标值类型", "指标类型", "指标性质"]),
    (Field::Explanation, &["指标解释", "指标说明", "指标值说明"]),
    (Field::Weight, &["权重", "分值", "指标权重"]),
    (
        Field::Scoring,
        &["评(扣)分标准", "评分标准", "扣分标准", "评扣分标准"],
    ),
    (Field::Remark, &["备注"]),
];

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
        let heading = normalize(heading);
        if heading.is_empty() {
            return None;
        }
        self.mapped
            .iter()
            .find(|(h, _)| *h == heading)
            .map(|(_, f)| *f)
            .or_else(|| {
                HEADINGS
                    .iter()
                    .find(|(_, names)| names.iter().any(|n| normalize(n) == heading))
                    .map(|(f, _)| *f)
            })
    }
}

fn field_named(word: &str) -> Option<Field> {
    KEYS.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(word))
        .map(|(_, f)| *f)
        .or_else(|| Columns::default().field(word))
}

/// Headings compare without spaces, stars (required-field marks), colons, or full-width brackets.
fn normalize(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            c => c,
        })
        .collect::<String>()
        .trim_end_matches(':')
        .to_owned()
}
