//! Actuals files: the same content in TOML, JSON and CSV reads the same; unknown names,
//! duplicates, unreadable values and broken files are findings that point into the file; and the
//! binary's exit codes and formats.

use std::process::Command;

use jixiao::eval::{self, Format};
use jixiao::source::SourceFile;

use super::{dec, findings, project, run_as, score};
use crate::common::ROOT;

const SPEC_BODY: &str =
    "      产出 宣传册 >= 3万册\n      效益 知晓率 > 70%\n      满意度 满意度 > 95%";

const TOML: &str = "[[\"指标\"]]\n\"名称\" = \"宣传册\"\n\"实际\" = \"2.4万册\"\n\n[[\"指标\"]]\n\"名称\" = \"知晓率\"\n\"实际\" = \"71%\"\n\n[[\"指标\"]]\n\"名称\" = \"满意度\"\n\"实际\" = \"96%\"\n";
const JSON: &str = r#"{"指标": [{"名称": "宣传册", "实际": "2.4万册"}, {"名称": "知晓率", "实际": "71%"}, {"名称": "满意度", "实际": "96%"}]}"#;
const CSV: &str = "名称,实际\n宣传册,2.4万册\n知晓率,71%\n满意度,96%\n";

#[test]
fn toml_json_and_csv_read_alike() {
    let spec = project(SPEC_BODY);
    for (text, format) in [
        (TOML, Format::Toml),
        (JSON, Format::Json),
        (CSV, Format::Csv),
    ] {
        let e = run_as(&spec, text, format, eval::Options::default());
        assert_eq!(score(&e, "宣传册"), dec("40"), "{format:?}: 50 × 2.4/3");
        assert_eq!(e.sections[0].score, dec("80"), "{format:?}");
        assert!(findings(&e).is_empty(), "{format:?}: {:?}", findings(&e));
    }
}

/// The text a diagnostic's span covers in the actuals file.
fn spans(text: &str, format: Format) -> Vec<(String, String)> {
    let spec = jixiao::check_source(SourceFile::new("spec.jx", project(SPEC_BODY)));
    let source = SourceFile::new("actuals", text);
    let (actuals, mut diagnostics) = eval::actuals::read(&source, format);
    diagnostics
        .extend(eval::evaluate(&spec.spec, &actuals, eval::Options::default()).actuals_diagnostics);
    diagnostics
        .iter()
        .map(|d| {
            (
                d.rule().name.to_owned(),
                text[d.span.start..d.span.end].to_owned(),
            )
        })
        .collect()
}

#[test]
fn problems_point_into_the_actuals_file() {
    let toml = "[[\"指标\"]]\n\"名称\" = \"宣传册\"\n\"实际\" = \"2.4万册\"\n[[\"指标\"]]\n\"名称\" = \"宣传册\"\n\"实际\" = \"3万册\"\n[[\"指标\"]]\n\"名称\" = \"宣传单\"\n\"实际\" = \"1份\"\n[[\"指标\"]]\n\"名称\" = \"知晓率\"\n\"实际\" = \"还可以\"\n";
    assert_eq!(
        spans(toml, Format::Toml),
        [
            ("duplicate-actual".to_owned(), "宣传册".to_owned()),
            ("unknown-actual".to_owned(), "宣传单".to_owned()),
            ("unreadable-actual".to_owned(), "还可以".to_owned()),
        ]
    );
    let json = r#"{"指标": [{"名称": "宣传单", "实际": "1份"}]}"#;
    assert_eq!(
        spans(json, Format::Json),
        [("unknown-actual".to_owned(), "宣传单".to_owned())]
    );
    let csv = "名称,实际,颜色\n宣传单,1份,红\n";
    assert_eq!(
        spans(csv, Format::Csv),
        [
            ("unreadable-actual".to_owned(), "颜色".to_owned()),
            ("unknown-actual".to_owned(), "宣传单".to_owned()),
        ]
    );
}

#[test]
fn broken_files_and_floats_are_findings() {
    let broken = spans("[[\"指标\"]]\n\"名称\" = \"宣传册\n", Format::Toml);
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].0, "unreadable-actual");
    // A bare number would be a float: refused, with a span on it.
    let float = spans(
        "[[\"指标\"]]\n\"名称\" = \"宣传册\"\n\"得分\" = 1.95\n",
        Format::Toml,
    );
    assert_eq!(float, [("unreadable-actual".to_owned(), "1.95".to_owned())]);
    let json = spans("{\"指标\": [", Format::Json);
    assert_eq!(json.len(), 1);
    assert_eq!(json[0].0, "unreadable-actual");
}

fn jixiao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

#[test]
fn the_command_exits_1_on_unmet_indicators_unless_told_not_to() {
    let args = [
        "eval",
        "specs/2021/gz-cac-2021-self-eval.jx",
        "--actuals",
        "specs/2021/gz-cac-2021-actuals.toml",
    ];
    let out = jixiao(&args);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("总分 86.014 / 100，得分率 86.01%，等次：良"),
        "{text}"
    );
    let mut zero = args.to_vec();
    zero.push("--exit-zero");
    assert_eq!(jixiao(&zero).status.code(), Some(0));
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&jixiao(&json).stdout).unwrap();
    assert_eq!(value["sections"][0]["score"], "86.014");
    assert_eq!(value["all_met"], false);
    assert!(
        value["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "JX0505")
    );
    let mut csv = args.to_vec();
    csv.extend(["--format", "csv"]);
    let text = String::from_utf8(jixiao(&csv).stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("预算完成率") && l.ends_with(",1.908,1.908")),
        "{text}"
    );
    let missing = jixiao(&[
        "eval",
        "specs/2021/gz-cac-2021-self-eval.jx",
        "--actuals",
        "nowhere.toml",
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn xlsx_reads_its_first_worksheet_as_csv() {
    let bytes =
        std::fs::read(std::path::Path::new(ROOT).join("tests/fixtures/eval/actuals.xlsx")).unwrap();
    let text = eval::xlsx::to_csv(&bytes).unwrap();
    assert_eq!(
        text,
        "名称,实际,得分\n宣传册,2.4万册,\n知晓率,71%,\n满意度,96%,1.95\n"
    );
    let e = run_as(
        &project(SPEC_BODY),
        &text,
        Format::Xlsx,
        eval::Options::default(),
    );
    assert_eq!(e.sections[0].score, dec("80"));
    assert!(eval::xlsx::to_csv(b"not a workbook").is_err());
}

#[test]
fn no_panic_on_hostile_actuals() {
    let spec = super::group(
        "    指标 甲 >= 0.0000000000000000000000000001个
    评分 5分 线性 0.0000000000000000000000000001个得0分 0.0000000000000000000000000002个得5分
    指标 乙 <= 0.0000000000000000000000000001%
    评分 5分 每多0.0000000000000000000000000001%扣99999分 按比例
    指标 丙 较2022年增加99999999999999%
    评分 5分
    指标 丁 100%
    评分 0.0000000000000000000000000001分 按比例",
    );
    let huge = "79228162514264337593543950335";
    for value in [
        huge,
        "-79228162514264337593543950335",
        "999999999999999亿个",
        "0",
        "-1个",
        "",
        " ",
        "无",
        "达成",
        "#",
        "\u{FEFF}",
        "1e30",
        "１２３４５",
    ] {
        let mut text = String::new();
        for name in ["甲", "乙", "丙", "丁"] {
            text.push_str(&format!(
                "[[\"指标\"]]\n\"名称\" = \"{name}\"\n\"实际\" = \"{value}\"\n\"得分\" = \"{huge}\"\n\"得分率\" = \"{huge}%\"\n\"基期\" = \"{value}\"\n\"计算\" = \"{huge} * {huge} / 0.0000000000000000000000000001\"\n\"扣分\" = [{{ \"分值\" = \"{huge}\" }}, {{ \"分值\" = \"{huge}\" }}]\n"
            ));
        }
        text.push_str(&format!("[[\"组\"]]\n\"名称\" = \"示例组\"\n\"得分\" = \"{huge}\"\n\"得分率\" = \"{huge}%\"\n[[\"核对\"]]\n\"公式\" = \"((((1/3))))*{huge}\"\n\"报告值\" = \"{huge}%\"\n"));
        let _ = super::run(&spec, &text);
        let _ = run_as(
            &spec,
            &text.replace("\"", "'"),
            Format::Csv,
            eval::Options::default(),
        );
    }
    let deep = format!("{}1{}", "(".repeat(500), ")".repeat(500));
    assert!(eval::formula::evaluate(&deep).is_err());
    assert!(eval::formula::evaluate("1/0").is_err());
}

/// The CI formats of `eval`: an unmet indicator is annotated on its target in the spec, the
/// audit's findings on the actuals file, and JUnit fails the unmet ones.
#[test]
fn eval_ci_formats_place_unmet_indicators_on_their_targets() {
    let args = |format| {
        [
            "eval",
            "specs/2023/gz-cac-2023.jx",
            "--actuals",
            "specs/2023/example-self-eval-2023.toml",
            "--format",
            format,
        ]
    };
    let github = String::from_utf8(jixiao(&args("github")).stdout).unwrap();
    let unmet: Vec<&str> = github
        .lines()
        .filter(|l| l.contains("JX0509 target-not-met"))
        .collect();
    assert!(!unmet.is_empty(), "{github}");
    assert!(
        unmet
            .iter()
            .all(|l| l.starts_with("::error file=specs/2023/gz-cac-2023.jx,line=")),
        "{github}"
    );
    assert!(github.contains("「网络安全知识知晓率」未达成：目标 大于70%25，实际 68%25（差 2%25）"));

    let sarif: serde_json::Value = serde_json::from_slice(&jixiao(&args("sarif")).stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let unmet_results = results.iter().filter(|r| r["ruleId"] == "JX0509").count();
    assert_eq!(unmet_results, unmet.len());

    let junit = jixiao(&args("junit"));
    assert_eq!(junit.status.code(), Some(1));
    let xml = String::from_utf8(junit.stdout).unwrap();
    assert_eq!(xml.matches("<failure type=\"JX0509\"").count(), unmet.len());
}

/// The evaluation page lists every finding of the JSON output of the same run, each with its
/// code, under one heading.
#[test]
fn eval_page_lists_the_findings_of_the_json() {
    let args = |format| {
        [
            "eval",
            "specs/2021/gz-cac-2021-self-eval.jx",
            "--actuals",
            "specs/2021/gz-cac-2021-actuals.toml",
            "--format",
            format,
        ]
    };
    let json: serde_json::Value = serde_json::from_slice(&jixiao(&args("json")).stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let page = String::from_utf8(jixiao(&args("html")).stdout).unwrap();
    assert_eq!(page.matches("<h2>核对与问题</h2>").count(), 1);
    assert_eq!(
        page.matches("<div class=\"finding ").count(),
        findings.len()
    );
    for finding in findings {
        let code = finding["code"].as_str().unwrap();
        let n = findings.iter().filter(|f| f["code"] == code).count();
        assert_eq!(
            page.matches(&format!("data-code=\"{code}\"")).count(),
            n,
            "{code}"
        );
    }
}
