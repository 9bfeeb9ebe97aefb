//! The corpus of real scoring rules (tests/corpus/rubrics/): each rule as published, written in
//! the language (`jx`) or listed as not expressible (`missing`, with the reason), and probes whose
//! scores were worked out by hand from the rule text before jixiao ran. Every probe must agree;
//! the summary (how many rules the language expresses, which forms are missing) is pinned.

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::{item, run};

#[derive(Deserialize)]
struct File {
    source: Source,
    #[serde(default)]
    rule: Vec<Rule>,
}

#[derive(Deserialize)]
struct Source {
    url: String,
    province: String,
}

#[derive(Deserialize)]
struct Rule {
    id: String,
    text: String,
    form: String,
    /// The rule in the language: indicator lines, `评分`, and any `等级` they need.
    #[serde(default)]
    jx: Option<String>,
    /// Why the language cannot say it yet.
    #[serde(default)]
    missing: Option<String>,
    #[serde(default)]
    probe: Vec<Probe>,
}

#[derive(Deserialize)]
struct Probe {
    actual: String,
    score: String,
}

fn rules() -> Vec<(String, Source, Rule)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/rubrics");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let file: File =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for rule in file.rule {
            let source = Source {
                url: file.source.url.clone(),
                province: file.source.province.clone(),
            };
            out.push((name.clone(), source, rule));
        }
    }
    out
}

/// The rule inside a one-group department that keeps four decimals.
fn spec(jx: &str) -> String {
    let body: String = jx.lines().map(|l| format!("    {}\n", l.trim())).collect();
    format!("部门 \"规则语料\" 2023 {{\n  计分 保留4位小数\n  组 \"规则\" {{\n{body}  }}\n}}\n")
}

fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// A hand-worked score agrees when the computed one, at the decimals the probe was written to,
/// is the same (a whole number must be exact to four decimals).
fn agrees(computed: Decimal, expected: Decimal) -> bool {
    let places = match expected.scale() {
        0 => 4,
        places => places,
    };
    jixiao::eval::score::round(computed, places) == jixiao::eval::score::round(expected, places)
}

#[test]
fn every_probe_of_every_expressed_rule_agrees() {
    let all = rules();
    let mut disagreements = Vec::new();
    let mut expressed = 0;
    let mut probes = 0;
    let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut provinces = std::collections::BTreeSet::new();
    for (file, source, rule) in &all {
        provinces.insert(source.province.clone());
        assert!(!source.url.is_empty(), "{file}: no url");
        assert!(!rule.text.is_empty(), "{}: no rule text", rule.id);
        let Some(jx) = &rule.jx else {
            let reason = rule
                .missing
                .clone()
                .unwrap_or_else(|| panic!("{}: neither `jx` nor `missing`", rule.id));
            missing
                .entry(rule.form.clone())
                .or_default()
                .push(format!("{}: {reason}", rule.id));
            continue;
        };
        let text = spec(jx);
        let checked = jixiao::check_source(jixiao::source::SourceFile::new("rule.jx", &text));
        let broken: Vec<String> = checked
            .diagnostics
            .iter()
            .filter(|d| d.rule().name == "syntax-error")
            .map(|d| d.message())
            .collect();
        if !broken.is_empty() {
            disagreements.push(format!("{}: 无法读取 {broken:?}\n{text}", rule.id));
            continue;
        }
        let Some(name) = checked
            .spec
            .departments
            .iter()
            .flat_map(|d| &d.groups)
            .flat_map(|g| g.indicators())
            .map(|i| i.name.clone())
            .next()
        else {
            disagreements.push(format!("{}: 没有指标", rule.id));
            continue;
        };
        expressed += 1;
        for probe in &rule.probe {
            probes += 1;
            let actuals = format!(
                "[[\"指标\"]]\n\"名称\" = {}\n\"实际\" = {}\n",
                toml_string(&name),
                toml_string(&probe.actual)
            );
            let evaluation = run(&text, &actuals);
            let expected: Decimal = probe.score.parse().unwrap();
            let computed = item(&evaluation, &name).score;
            if !computed.is_some_and(|c| agrees(c, expected)) {
                disagreements.push(format!(
                    "{}: 实际 {} 应得 {}，jixiao 得 {}（{}）",
                    rule.id,
                    probe.actual,
                    probe.score,
                    computed.map_or("无分".to_owned(), |c| c.normalize().to_string()),
                    item(&evaluation, &name).basis
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    let mut summary = format!(
        "{} rules from {} provinces; {expressed} expressed exactly, {probes} probes agree; not yet expressible:\n",
        all.len(),
        provinces.len()
    );
    for (form, ids) in &missing {
        summary.push_str(&format!("  {form} ({}):\n", ids.len()));
        for id in ids {
            summary.push_str(&format!("    {id}\n"));
        }
    }
    super::snapshot("rubric_corpus", &summary);
}
