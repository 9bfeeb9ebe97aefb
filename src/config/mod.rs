//! `jixiao.toml`: what an organisation changes about the checker — rule levels, which files,
//! extra vocabulary, and the minimum targets a finance bureau imposes. Reading is strict: an
//! unknown key or a bad value is a diagnostic with a span into the config file, never ignored.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::Span;

mod monitor;

pub use monitor::{Levels, Monitor, ReasonRequired};

/// The name of the config file; the nearest one walking up from a checked file applies.
pub const FILE_NAME: &str = "jixiao.toml";

/// The largest config file read; a bigger one is a finding.
pub const MAX_CONFIG_BYTES: usize = 256 * 1024;

/// `jixiao.toml` 能设置的全部内容；每个键都可省略。
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "jixiao.toml",
    description = "jixiao 配置文件：规则级别、检查范围、补充词汇和阈值"
)]
pub struct Settings {
    /// 审核规则的地区和年份：选定是否必须设成本指标、三级指标最少几条等默认值（见 `Profile`）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// 在所选 profile 之上改动个别审核要求。
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
    /// 遍历文件夹时检查哪些 `*.jx` 文件。
    #[serde(default, skip_serializing_if = "Files::is_empty")]
    pub files: Files,
    /// 规则级别，按规则名或代码：`vague-target = "warning"`、`JX0202 = "off"`。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Level>,
    /// 本单位补充的词汇（在内置词汇之外）。
    #[serde(default, skip_serializing_if = "Vocabulary::is_empty")]
    pub vocabulary: Vocabulary,
    /// 最低标准：目标下限低于 `min` 的指标报告 JX0108。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<Threshold>,
    /// 支出标准：单位成本的上限，`{ item = "培训费", max = "450元/人" }`（JX0211）。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<Standard>,
    /// 运行监控（`jixiao monitor`）的规则：各省不同之处。
    #[serde(default, skip_serializing_if = "Monitor::is_empty")]
    pub monitor: Monitor,
}

/// 通配符，相对于配置文件所在的文件夹。
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Files {
    /// 不为空时，遍历文件夹只检查匹配其一的文件。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// 遍历文件夹时跳过匹配其一的文件；命令行上直接写出的文件总会检查。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
}

impl Files {
    fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Compiles the globs once; `None` only for a pattern `parse` has already rejected.
    pub fn selector(&self) -> Option<Selector> {
        let set = |patterns: &[String]| {
            let mut builder = globset::GlobSetBuilder::new();
            for pattern in patterns {
                builder.add(globset::Glob::new(pattern).ok()?);
            }
            builder.build().ok()
        };
        Some(Selector {
            include: set(&self.include)?,
            any_include: !self.include.is_empty(),
            exclude: set(&self.exclude)?,
        })
    }
}

/// The compiled `[files]` globs.
#[derive(Clone, Debug)]
pub struct Selector {
    include: globset::GlobSet,
    any_include: bool,
    exclude: globset::GlobSet,
}

impl Selector {
    /// Whether a folder walk checks the file at this path, relative to the config's folder.
    pub fn selects(&self, relative: &std::path::Path) -> bool {
        (!self.any_include || self.include.is_match(relative)) && !self.exclude.is_match(relative)
    }
}

/// 规则的级别：error、warning 或 off（不运行）。
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// 补充词汇，追加到内置列表。
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Vocabulary {
    /// 本单位不接受的含糊用语，如 `"大力"`。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vague_words: Vec<String>,
    /// 作为计量单位读取的量词，如 `"人天"`、`"吨"`；每个只与自身可比。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// 所有规格都可用的等级，从好到差：`[["达标", "基本达标", "未达标"]]`。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grade_scales: Vec<Vec<String>>,
}

impl Vocabulary {
    fn is_empty(&self) -> bool {
        self.vague_words.is_empty() && self.units.is_empty() && self.grade_scales.is_empty()
    }
}

/// 审核规则集：各地、各年份财政部门审核绩效目标的要求。不写时为 `caiyu-2020-10`。
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Profile {
    /// 财预〔2020〕10号附件（项目支出绩效自评表）：产出、效益、满意度三类一级指标，成本为产出下的二级，
    /// 不强制设成本指标；三级指标不少于 3 条（省级填报说明）。
    #[default]
    #[serde(rename = "caiyu-2020-10")]
    Caiyu2020No10,
    /// 财预〔2021〕101号：成本指标为一级指标（经济、社会、生态环境成本），每个项目都要设。
    #[serde(rename = "caiyu-2021-101")]
    Caiyu2021No101,
    /// 上海市财政局 2025 年成本指标指引：“原则上，每一项目均应设置成本指标”。
    #[serde(rename = "shanghai-2025")]
    Shanghai2025,
}

/// What one profile requires, and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirements {
    pub profile: Profile,
    /// Every project needs a 成本 indicator.
    pub cost_required: bool,
    /// The fewest 三级 indicators a project may have.
    pub min_indicators: usize,
    /// The lowest 满意度 target accepted (`"85%"`), if any.
    pub min_satisfaction: Option<String>,
    /// What a project's indicator weights may add up to.
    pub weight_totals: Vec<rust_decimal::Decimal>,
    /// Where each requirement comes from.
    pub sources: &'static [&'static str],
}

const FILL_IN: &str = "省级项目支出绩效目标填报说明：三级指标“总数不得少于3个”（http://m.dybbs8.com/excel/974350.html）";

impl Profile {
    pub const ALL: &[Profile] = &[
        Profile::Caiyu2020No10,
        Profile::Caiyu2021No101,
        Profile::Shanghai2025,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Profile::Caiyu2020No10 => "caiyu-2020-10",
            Profile::Caiyu2021No101 => "caiyu-2021-101",
            Profile::Shanghai2025 => "shanghai-2025",
        }
    }

    /// The profile's own requirements, before `[review]` changes any.
    pub fn requirements(self) -> Requirements {
        let (cost_required, sources): (bool, &'static [&'static str]) = match self {
            Profile::Caiyu2020No10 => (
                false,
                &[
                    "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）附件：产出、效益、满意度三类一级指标，成本指标为产出指标下的二级指标",
                    FILL_IN,
                ],
            ),
            Profile::Caiyu2021No101 => (
                true,
                &[
                    "财政部《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）：成本指标为一级指标，含经济成本、社会成本、生态环境成本",
                    FILL_IN,
                ],
            ),
            Profile::Shanghai2025 => (
                true,
                &[
                    "上海市财政局 2025 年成本绩效指标指引：“原则上，每一项目均应设置成本指标”（http://czj.sh.gov.cn/zys_8908/xwzx_8909/czyw/20250102/xxfbinfo0000013385.html）",
                    FILL_IN,
                ],
            ),
        };
        Requirements {
            profile: self,
            cost_required,
            min_indicators: 3,
            min_satisfaction: None,
            // 10号: the self-evaluation gives 预算执行率 10 and the indicators 90; target
            // tables weigh their indicators to 100.
            weight_totals: vec![
                rust_decimal::Decimal::from(100),
                rust_decimal::Decimal::from(90),
            ],
            sources,
        }
    }
}

/// `[review]`：在 profile 之上改动个别审核要求。
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Review {
    /// 每个项目是否必须设成本指标。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_required: Option<bool>,
    /// 每个项目三级指标最少几条。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_indicators: Option<usize>,
    /// 满意度指标目标的最低值，如 `"85%"`。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_satisfaction: Option<String>,
    /// 一个项目各指标分值之和应为多少（默认 100 或 90）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_total: Option<u32>,
}

impl Review {
    fn is_empty(&self) -> bool {
        self == &Review::default()
    }
}

/// 一类指标的最低标准：`{ category = "满意度", min = "85%" }`。
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Threshold {
    /// 一级指标，或 一级.二级（`满意度`、`产出.质量`）。
    pub category: String,
    /// 可接受的最低目标值：数值加可选单位（`"85%"`、`"3万册"`）。
    pub min: String,
    /// 只适用于名称含此文字的指标（如 `"满意度"`）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_contains: Option<String>,
}

/// 一项支出标准：名称含 `item` 的成本指标，单位成本不得高于 `max`。
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Standard {
    /// 成本指标名称中的文字，如 `"培训费"`、`"差旅"`。
    pub item: String,
    /// 标准的上限：数值加单位，如 `"450元/人"`、`"0.3万元/人"`。
    pub max: String,
    /// 标准的出处，写进提示，如 `"中央和国家机关培训费管理办法"`。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

impl Settings {
    /// What the chosen profile requires, with `[review]`'s changes.
    pub fn requirements(&self) -> Requirements {
        let mut r = self.profile.unwrap_or_default().requirements();
        if let Some(cost) = self.review.cost_required {
            r.cost_required = cost;
        }
        if let Some(min) = self.review.min_indicators {
            r.min_indicators = min;
        }
        if let Some(min) = &self.review.min_satisfaction {
            r.min_satisfaction = Some(min.clone());
        }
        if let Some(total) = self.review.weight_total {
            r.weight_totals = vec![rust_decimal::Decimal::from(total)];
        }
        r
    }

    /// The configured thresholds and the profile's minimum satisfaction.
    pub fn all_thresholds(&self) -> Vec<Threshold> {
        let mut all = self.thresholds.clone();
        if let Some(min) = self.requirements().min_satisfaction {
            all.push(Threshold {
                category: "满意度".to_owned(),
                min,
                name_contains: None,
            });
        }
        all
    }

    /// The level a config gives a rule, if it names it (by name or by code).
    pub fn level(&self, code: Code) -> Option<Level> {
        let rule = code.rule();
        self.rules
            .get(rule.name)
            .or_else(|| self.rules.get(rule.id))
            .copied()
    }

    /// Applies the configured levels: changes severities and drops what is `off`.
    pub fn apply_levels(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.rules.is_empty() {
            return;
        }
        diagnostics.retain_mut(|d| match self.level(d.code) {
            Some(Level::Off) => false,
            Some(Level::Error) => {
                d.severity = Severity::Error;
                true
            }
            Some(Level::Warning) => {
                d.severity = Severity::Warning;
                true
            }
            None => true,
        });
    }

    /// The effective settings as TOML, for `jixiao config --show`.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }
}

/// Reads a config file's text. Every problem is a diagnostic into that text; a caller must not
/// apply settings that came with problems, so a broken config never half-applies.
pub fn parse(text: &str) -> (Settings, Vec<Diagnostic>) {
    if text.len() > MAX_CONFIG_BYTES {
        let detail = format!("配置文件超过上限 {MAX_CONFIG_BYTES} 字节");
        let d = Diagnostic::new(Code::ConfigError, Span::new(0, 0)).arg("detail", detail);
        return (Settings::default(), vec![d]);
    }
    let settings: Settings = match toml::from_str(text) {
        Ok(settings) => settings,
        Err(error) => {
            let span = error
                .span()
                .map_or(Span::new(0, 0), |r| on_boundaries(text, r.start, r.end));
            let detail = in_chinese(error.message().trim());
            let d = Diagnostic::new(Code::ConfigError, span).arg("detail", detail);
            return (Settings::default(), vec![d]);
        }
    };
    let problems = validate(text, &settings);
    (settings, problems)
}

/// serde's common messages in the words the rest of jixiao uses; any other stays as it is.
fn in_chinese(message: &str) -> String {
    let listed = |rest: &str| rest.replace('`', "").replace(", ", "、");
    if let Some((what, rest)) = message.split_once(", expected one of ") {
        if let Some(key) = what.strip_prefix("unknown field ") {
            return format!("未知的键 {key}（可用的键：{}）", listed(rest));
        }
        if let Some(value) = what.strip_prefix("unknown variant ") {
            return format!("不认识的值 {value}（可用的值：{}）", listed(rest));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("类型不对：写的是{}，应为{}", kind(got), kind(want));
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("缺少键 {field}");
    }
    if let Some(rest) = message.strip_prefix("wanted ") {
        let rest = rest
            .replace("string", "字符串")
            .replace("table", "表")
            .replace(" or ", "或");
        return format!("类型不对：应为{rest}");
    }
    if let Some(rest) = message.strip_prefix("duplicate key") {
        return format!("键重复{rest}");
    }
    message.to_owned()
}

/// A serde type description in Chinese: `integer \`3\`` → `整数 \`3\``, `struct Files` → `表`.
fn kind(text: &str) -> String {
    let words = [
        ("integer", "整数"),
        ("floating point", "小数"),
        ("boolean", "布尔值"),
        ("string", "字符串"),
        ("a sequence", "数组"),
        ("sequence", "数组"),
        ("map", "表"),
    ];
    if text.starts_with("struct ") || text.starts_with("a map") {
        return "表".to_owned();
    }
    let mut out = text.to_owned();
    for (english, chinese) in words {
        out = out.replace(english, chinese);
    }
    out
}

/// Checks what serde cannot: rule names exist, thresholds read as numbers, words are not empty.
fn validate(text: &str, settings: &Settings) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut complain = |needle: &str, detail: String| {
        let span = find_value(text, needle);
        problems.push(Diagnostic::new(Code::ConfigError, span).arg("detail", detail));
    };
    for key in settings.rules.keys() {
        if Code::lookup(key).is_none() {
            complain(
                key,
                format!("没有名为 `{key}` 的规则（见 `jixiao explain`）"),
            );
        }
    }
    for pattern in settings.files.include.iter().chain(&settings.files.exclude) {
        if let Err(error) = globset::Glob::new(pattern) {
            complain(
                pattern,
                format!("无效的通配符 `{pattern}`：{}", error.kind()),
            );
        }
    }
    if let Some(min) = &settings.review.min_satisfaction
        && split_number(min).is_none()
    {
        complain(
            min,
            format!("`min-satisfaction = \"{min}\"` 应为数值加可选单位，如 \"85%\""),
        );
    }
    for threshold in &settings.thresholds {
        if split_number(&threshold.min).is_none() {
            let detail = format!("阈值 `{}` 应为数值加可选单位，如 \"85%\"", threshold.min);
            complain(&threshold.min, detail);
        }
    }
    for standard in &settings.standards {
        if split_number(&standard.max).is_none() {
            let detail = format!(
                "支出标准 `{}` 应为数值加单位，如 \"450元/人\"",
                standard.max
            );
            complain(&standard.max, detail);
        }
    }
    if let Some(text) = &settings.monitor.deviation_threshold
        && settings.monitor.threshold().is_none()
    {
        complain(
            text,
            format!("偏差度阈值 `{text}` 应为非负的百分数，如 \"50%\""),
        );
    }
    let vocabulary = &settings.vocabulary;
    let words = vocabulary.vague_words.iter().chain(&vocabulary.units);
    let grades = vocabulary.grade_scales.iter().flatten();
    if words.chain(grades).any(|w| w.trim().is_empty())
        || vocabulary.grade_scales.iter().any(|s| s.len() < 2)
    {
        complain(
            "[vocabulary]",
            "词汇不能为空字符串，等级至少两级".to_owned(),
        );
    }
    problems
}

/// A threshold's number and unit text: `"85%"` → (`85`, `%`).
pub fn split_number(text: &str) -> Option<(rust_decimal::Decimal, &str)> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(text.len(), |(i, _)| i);
    let number = text[..end].parse().ok()?;
    Some((number, text[end..].trim()))
}

/// The span of a quoted or bare occurrence of `needle` in the config text.
fn find_value(text: &str, needle: &str) -> Span {
    let quoted = format!("\"{needle}\"");
    text.find(&quoted)
        .map(|at| Span::new(at, at + quoted.len()))
        .or_else(|| text.find(needle).map(|at| Span::new(at, at + needle.len())))
        .unwrap_or(Span::new(0, 0))
}

/// A byte range clamped to the text and moved onto character boundaries.
fn on_boundaries(text: &str, start: usize, end: usize) -> Span {
    let clamp = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = clamp(start);
    Span::new(start, clamp(end).max(start))
}

/// The JSON Schema of `jixiao.toml` (shipped as `jixiao.schema.json`).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Settings);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
