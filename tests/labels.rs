//! Agreement with a strict reviewer on real published tables.
//!
//! `tests/corpus/labels/<table>.csv` holds, for every indicator of a published table, the
//! category, name and target as written and the label a strict reviewer gave it *before* any
//! tool ran: `measurable`, `checkable` (a yes/no fact a record settles) or `unmeasurable`, with
//! the reason. This test writes one spec line per labelled indicator, checks the spec, and counts
//! an indicator as *found unmeasurable* when a finding of the measure family
//! (`check::measurability::UNMEASURABLE_FAMILY`) lands on its line.
//!
//! The category as written (`产出指标(50分)`, `產出指標`, `效果指标`, `投入`) is mapped here, in the
//! test only, to 产出/效益/满意度/成本 (and the 二级 when its leading characters name one) by its
//! leading characters; the name and target are written exactly as the table has them (a name with
//! spaces is quoted; line breaks inside a cell are dropped).
//!
//! Every disagreement is listed with its reason in `tests/corpus/labels/disagreements.toml`; the
//! test fails if the measured disagreements and that list differ, or if the figures fall below
//! 95% found / above 1% false alarms. `cargo test --locked labels -- --nocapture` prints them.

use std::collections::BTreeSet;
use std::path::Path;

use jixiao::check::measurability::UNMEASURABLE_FAMILY;
use jixiao::source::SourceFile;
use serde::Deserialize;

use crate::common::ROOT;

struct Labelled {
    table: String,
    row: u32,
    name: String,
    target: String,
    label: String,
    /// Byte range of its line in the generated spec.
    line: (usize, usize),
}

#[derive(Deserialize)]
struct Disagreements {
    disagreement: Vec<Disagreement>,
}

#[derive(Deserialize)]
struct Disagreement {
    table: String,
    row: u32,
    name: String,
    label: String,
    reason: String,
}

/// `产出指标(50分)` → 产出, `经济效益 指标` → 经济效益: by the leading characters, in the test only.
fn category(level1: &str, level2: &str) -> String {
    let clean = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (l1, l2) = (clean(level1), clean(level2));
    const LEVEL1: &[(&str, &str)] = &[
        ("产出", "产出"),
        ("產出", "产出"),
        ("效益", "效益"),
        ("效果", "效益"),
        ("满意", "满意度"),
        ("滿意", "满意度"),
        ("成本", "成本"),
    ];
    const LEVEL2: &[(&str, &str, &str)] = &[
        ("数量", "产出", "数量"),
        ("數量", "产出", "数量"),
        ("质量", "产出", "质量"),
        ("質量", "产出", "质量"),
        ("时效", "产出", "时效"),
        ("時效", "产出", "时效"),
        ("成本", "产出", "成本"),
        ("经济效益", "效益", "经济效益"),
        ("經濟效益", "效益", "经济效益"),
        ("社会效益", "效益", "社会效益"),
        ("社會效益", "效益", "社会效益"),
        ("生态效益", "效益", "生态效益"),
        ("环境效益", "效益", "生态效益"),
        ("環境效益", "效益", "生态效益"),
        ("可持续", "效益", "可持续影响"),
        ("服务对象满意度", "满意度", "服务对象满意度"),
        ("服務對象滿意度", "满意度", "服务对象满意度"),
    ];
    let sub = LEVEL2.iter().find(|(k, ..)| l2.starts_with(k));
    let first = (LEVEL1
        .iter()
        .find(|(k, _)| l1.starts_with(k))
        .map(|(_, v)| *v))
    .or(sub.map(|(_, parent, _)| *parent))
    .or_else(|| {
        [("产出", "产出"), ("结果", "效益"), ("满意", "满意度")]
            .iter()
            .find(|(k, _)| l2.starts_with(k))
            .map(|(_, v)| *v)
    })
    .unwrap_or("产出");
    match sub {
        Some((_, parent, second)) if *parent == first => format!("{first}.{second}"),
        _ => first.to_owned(),
    }
}

/// The labelled indicators and the spec written from them.
fn corpus() -> (Vec<Labelled>, String) {
    let dir = Path::new(ROOT).join("tests/corpus/labels");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let mut spec = String::from("部门 \"语料\" 2023 {\n  预算单位 \"语料\" {\n");
    let mut labelled = Vec::new();
    for file in files {
        let table = file.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        let body: String = (text.lines())
            .filter(|l| !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        spec.push_str(&format!("    项目 \"{table}\" {{\n"));
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        for record in reader.records() {
            let r = record.unwrap();
            let flat = |s: &str| s.replace(['\n', '\r'], "");
            let name = flat(&r[3]);
            let target = flat(&r[4]);
            let written = if name.contains(char::is_whitespace) {
                format!("\"{name}\"")
            } else {
                name.clone()
            };
            let start = spec.len();
            spec.push_str(&format!(
                "      {} {written} {target}",
                category(&r[1], &r[2])
            ));
            let end = spec.len();
            spec.push('\n');
            labelled.push(Labelled {
                table: table.clone(),
                row: r[0].parse().unwrap(),
                name,
                target,
                label: r[5].to_owned(),
                line: (start, end),
            });
        }
        spec.push_str("    }\n");
    }
    spec.push_str("  }\n}\n");
    (labelled, spec)
}

#[test]
fn agreement_with_the_reviewers_labels() {
    let (labelled, spec) = corpus();
    let checked = jixiao::check_source(SourceFile::new("labels.jx", spec));
    let flagged = |item: &Labelled| {
        checked.diagnostics.iter().any(|d| {
            UNMEASURABLE_FAMILY.contains(&d.code)
                && d.span.start >= item.line.0
                && d.span.start <= item.line.1
        })
    };
    let count = |label: &str| labelled.iter().filter(|i| i.label == label).count();
    let (unmeasurable, measurable, checkable) = (
        count("unmeasurable"),
        count("measurable"),
        count("checkable"),
    );
    let mut found = 0;
    let mut alarms = (0, 0);
    let mut disagreements = BTreeSet::new();
    for item in &labelled {
        let flag = flagged(item);
        match (item.label.as_str(), flag) {
            ("unmeasurable", true) => found += 1,
            ("measurable", true) => alarms.0 += 1,
            ("checkable", true) => alarms.1 += 1,
            _ => {}
        }
        if flag != (item.label == "unmeasurable") {
            disagreements.insert((item.table.clone(), item.row));
        }
    }
    let percent = |n: usize, d: usize| format!("{:.1}%", 100.0 * n as f64 / d.max(1) as f64);
    let listed: Disagreements = toml::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("tests/corpus/labels/disagreements.toml"))
            .unwrap(),
    )
    .unwrap();
    let mut report = format!(
        "{} indicators from {} published tables\n\
         unmeasurable found: {found} of {unmeasurable} ({})\n\
         false alarms: {} of {measurable} measurable ({}), {} of {checkable} checkable\n\
         disagreements ({}):\n",
        labelled.len(),
        labelled
            .iter()
            .map(|i| &i.table)
            .collect::<BTreeSet<_>>()
            .len(),
        percent(found, unmeasurable),
        alarms.0,
        percent(alarms.0, measurable),
        alarms.1,
        disagreements.len(),
    );
    for item in labelled
        .iter()
        .filter(|i| disagreements.contains(&(i.table.clone(), i.row)))
    {
        let reason = (listed.disagreement.iter())
            .find(|d| d.table == item.table && d.row == item.row)
            .map_or("(not listed)", |d| d.reason.as_str());
        report.push_str(&format!(
            "  {} row {}: {} | {} | labelled {}, jixiao {} — {reason}\n",
            item.table,
            item.row,
            item.name,
            item.target,
            item.label,
            if flagged(item) {
                "unmeasurable"
            } else {
                "measurable"
            },
        ));
    }
    println!("{report}");
    let listed_keys: BTreeSet<_> = (listed.disagreement.iter())
        .map(|d| (d.table.clone(), d.row))
        .collect();
    assert_eq!(
        disagreements, listed_keys,
        "disagreements.toml must list exactly the measured disagreements\n{report}"
    );
    for d in &listed.disagreement {
        let item = labelled
            .iter()
            .find(|i| i.table == d.table && i.row == d.row)
            .unwrap();
        assert_eq!(
            (&item.name, &item.label),
            (&d.name, &d.label),
            "{}",
            d.table
        );
        assert!(!d.reason.trim().is_empty());
    }
    assert!(found * 100 >= unmeasurable * 95, "{report}");
    assert!(alarms.0 * 100 <= measurable, "{report}");
    insta::assert_snapshot!(report);
}
