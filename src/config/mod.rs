//! `jixiao.toml`: what an organisation changes about the checker — rule levels, which files,
//! extra vocabulary, and the minimum targets a finance bureau imposes. Reading is strict: an
//! unknown key or a bad value is a diagnostic with a span into the config file, never ignored.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::Span;

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

impl Settings {
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
    for threshold in &settings.thresholds {
        if split_number(&threshold.min).is_none() {
            let detail = format!("阈值 `{}` 应为数值加可选单位，如 \"85%\"", threshold.min);
            complain(&threshold.min, detail);
        }
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
