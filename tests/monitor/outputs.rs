//! The outputs: the documented JSON fields, the CI formats (a red light is a finding on the
//! target's line), colour only when asked, and the README's example, run through the binary.

use std::path::Path;
use std::process::Command;

use jixiao::eval::monitor::Light;
use jixiao::report::{github, monitor_ci, monitor_json, monitor_markdown, monitor_table};
use jixiao::source::SourceFile;

use crate::common::ROOT;

use super::{entry, project, run};

const SPEC: &str = "      产出.数量 宣传册 >= 1200册\n      满意度 群众满意度 >= 90%";

fn sample() -> (String, String) {
    let actuals = format!(
        "[[\"项目\"]]\n\"名称\" = \"示例项目\"\n\"全年预算数\" = \"100.00\"\n\"全年执行数\" = \"45.00\"\n{}{}",
        entry("宣传册", "100册", &[]),
        entry("群众满意度", "93%", &[])
    );
    (project(SPEC), actuals)
}

#[test]
fn json_carries_the_documented_fields() {
    let (spec, actuals) = sample();
    let m = run(&spec, &actuals, 6);
    let text = monitor_json::render(
        &m,
        &SourceFile::new("spec.jx", spec.clone()),
        &SourceFile::new("actuals.toml", actuals.clone()),
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["as_of"], "2023-06-30");
    assert_eq!(json["rules"]["levels"], "full");
    let project = &json["projects"][0];
    assert_eq!(project["name"], "示例项目");
    assert_eq!(project["light"], "red");
    assert_eq!(project["execution"]["rate"], "45");
    assert_eq!(project["execution"]["ratio"], "90");
    assert_eq!(project["execution"]["light"], "green");
    for indicator in project["indicators"].as_array().unwrap() {
        for field in ["name", "light", "standard", "actual", "ratio", "deviation"] {
            assert!(indicator.get(field).is_some(), "{field} in {indicator}");
        }
    }
    let books = &project["indicators"][0];
    assert_eq!(books["light"], "red");
    assert_eq!(books["standard"], "600 册");
    assert_eq!(books["ratio"], "16.67");
    assert_eq!(json["findings"][0]["name"], "missing-deviation-reason");
    assert_eq!(json["any_red"], true);
}

#[test]
fn a_red_light_is_a_finding_on_the_targets_line() {
    let (spec, actuals) = sample();
    let m = run(&spec, &actuals, 6);
    let checked = jixiao::check_source(SourceFile::new("spec.jx", spec));
    let files = monitor_ci::as_checked(&m, &checked, &SourceFile::new("actuals.toml", actuals));
    let text = github::render(&files);
    let red = text
        .lines()
        .find(|l| l.contains("JX0805"))
        .unwrap_or_else(|| panic!("no red-light annotation:\n{text}"));
    // Line 4 of the spec is the 宣传册 indicator.
    assert!(red.starts_with("::error file=spec.jx,line=4,"), "{red}");
    assert!(red.contains("「宣传册」亮红灯"), "{red}");
    assert!(text.contains("JX0801"), "{text}");
    // A red budget execution is a finding on the project's 预算 line (here its header).
    let (spec, actuals) = sample();
    let actuals = actuals.replace("\"45.00\"", "\"10.00\"");
    let m = run(&spec, &actuals, 6);
    let checked = jixiao::check_source(SourceFile::new("spec.jx", spec));
    let text = github::render(&monitor_ci::as_checked(
        &m,
        &checked,
        &SourceFile::new("actuals.toml", actuals),
    ));
    assert!(
        text.lines()
            .any(|l| l.starts_with("::error file=spec.jx,line=3,")
                && l.contains("「示例项目 预算执行」亮红灯")),
        "{text}"
    );
}

#[test]
fn the_table_colours_lights_only_when_asked() {
    let (spec, actuals) = sample();
    let m = run(&spec, &actuals, 6);
    let plain = monitor_table::render(&m, false);
    assert!(!plain.contains('\u{1b}'));
    assert!(
        plain.contains("红灯") && plain.contains("项目灯：红灯"),
        "{plain}"
    );
    let coloured = monitor_table::render(&m, true);
    assert!(coloured.contains("\u{1b}[31m红灯\u{1b}[0m"));
    // Colour does not move the columns.
    let strip = coloured
        .replace("\u{1b}[31m", "")
        .replace("\u{1b}[32m", "")
        .replace("\u{1b}[0m", "");
    assert_eq!(strip, plain);
    assert_eq!(m.projects[0].light, Light::Red);
    let markdown = monitor_markdown::render(
        &m,
        &SourceFile::new("spec.jx", String::new()),
        &SourceFile::new("actuals.toml", String::new()),
    );
    assert!(
        markdown.contains(
            "| 宣传册 | 产出/数量 | >= 1200册 | 600 册 | 100册 | 16.67% | -91.67% | 红灯 |"
        ),
        "{markdown}"
    );
}

fn binary<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

const EXAMPLE: [&str; 6] = [
    "monitor",
    "specs/2023/gz-cac-2023.jx",
    "--actuals",
    "specs/2023/monitor-2023-06.toml",
    "--month",
    "6",
];

#[test]
fn the_readme_shows_the_example_as_the_binary_prints_it() {
    let (out, code) = binary(&EXAMPLE);
    assert_eq!(code, 1, "a red light fails the run");
    let table = out
        .split("\n\n")
        .take_while(|p| !p.contains("JX0"))
        .collect::<Vec<_>>()
        .join("\n\n");
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    assert!(
        readme.contains(table.trim_end()),
        "README.md (In-year monitoring) must show:\n{table}"
    );
    let summary = out.lines().last().unwrap();
    assert!(readme.contains(summary), "README.md must show:\n{summary}");
    let (_, code) = binary(&[EXAMPLE.as_slice(), &["--exit-zero"]].concat());
    assert_eq!(code, 0);
}

#[test]
fn month_and_date_are_checked() {
    let (_, code) = binary(&[&EXAMPLE[..5], &["13"]].concat());
    assert_eq!(code, 2);
    let (out, code) = binary(
        &[
            &EXAMPLE[..4],
            &["--as-of", "2023-06-30", "--exit-zero", "--format", "json"],
        ]
        .concat(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("\"as_of\": \"2023-06-30\""));
    let (_, code) = binary(&[&EXAMPLE[..4], &["--as-of", "2023-02-30"]].concat());
    assert_eq!(code, 2);
}

#[test]
fn the_monitoring_table_as_a_workbook() {
    let (spec, actuals) = sample();
    let m = run(&spec, &actuals, 6);
    let bytes = jixiao::report::monitor_xlsx::render(&m).unwrap();
    let csv = jixiao::eval::xlsx::to_csv(&bytes).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("绩效运行监控表（截至 2023年6月30日"),
        "{csv}"
    );
    assert!(
        lines[1].contains("一级指标,二级指标,三级指标,年度指标值,年初指标值,标准值"),
        "{csv}"
    );
    assert!(
        lines[2].contains("产出,数量,宣传册,>= 1200册,,600 册,100册,16.67%,-91.67%,红灯"),
        "{csv}"
    );
    assert!(lines[3].contains("无偏差"), "{csv}");
    // Through the binary: written atomically, refused without -o.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("monitor-xlsx");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("监控表.xlsx");
    let (_, code) = binary(
        &[
            EXAMPLE.as_slice(),
            &["--format", "xlsx", "-o", file.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(code, 1);
    let csv = jixiao::eval::xlsx::to_csv(&std::fs::read(&file).unwrap()).unwrap();
    assert!(csv.contains("信息安全宣传周线下活动场次"), "{csv}");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file left"
    );
    let (_, code) = binary(&[EXAMPLE.as_slice(), &["--format", "xlsx"]].concat());
    assert_eq!(code, 2);
}

#[test]
fn the_nearest_config_sets_the_provincial_rules() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("monitor-config");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (spec, actuals) = sample();
    std::fs::write(dir.join("s.jx"), spec).unwrap();
    std::fs::write(dir.join("a.toml"), actuals).unwrap();
    std::fs::write(
        dir.join("jixiao.toml"),
        "[monitor]\nprovince = \"山西\"\nlevels = \"pro-rated\"\nreason-required = \"red\"\n",
    )
    .unwrap();
    let spec_path = dir.join("s.jx").to_str().unwrap().to_owned();
    let actuals_path = dir.join("a.toml").to_str().unwrap().to_owned();
    let args = |extra: &[&'static str]| -> Vec<String> {
        let mut all: Vec<String> = ["monitor", &spec_path, "--actuals", &actuals_path]
            .iter()
            .map(|s| s.to_string())
            .collect();
        all.extend(["--month", "6", "--format", "json"].map(str::to_owned));
        all.extend(extra.iter().map(|s| s.to_string()));
        all
    };
    let (out, _) = binary(&args(&[]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["rules"]["levels"], "pro-rated");
    assert_eq!(json["rules"]["reason_required"], "red");
    assert!(
        json["rule_text"]
            .as_str()
            .unwrap()
            .starts_with("山西规则：")
    );
    // 93% of 90% pro-rated to 45%: blue.
    assert_eq!(json["projects"][0]["indicators"][1]["light"], "blue");
    let (out, _) = binary(&args(&["--no-config"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["rules"]["levels"], "full");
    std::fs::write(
        dir.join("jixiao.toml"),
        "[monitor]\ndeviation-threshold = \"很多\"\n",
    )
    .unwrap();
    let (_, code) = binary(&args(&[]));
    assert_eq!(code, 2, "a broken [monitor] is refused");
}

/// The monitoring page stands alone and shows every indicator's light and figures, and every
/// finding, as the JSON of the same run gives them.
#[test]
fn the_monitoring_page_shows_the_json_figures() {
    let (page, _) = binary(&[&EXAMPLE[..], &["--format", "html"]].concat());
    let (json, _) = binary(&[&EXAMPLE[..], &["--format", "json"]].concat());
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && !page.contains("报告模板出错"));
    for outside in ["<script", " src=", "href=\"http", "url(", "@import"] {
        assert!(!page.contains(outside), "{outside}");
    }
    let rows: Vec<&serde_json::Value> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["indicators"].as_array().unwrap())
        .collect();
    assert_eq!(page.matches("<tr data-indicator=").count(), rows.len());
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert_eq!(page.matches("<h2>问题</h2>").count(), 1);
    assert_eq!(
        page.matches("<div class=\"finding ").count(),
        findings.len()
    );
    for light in ["red", "yellow", "green"] {
        let n = rows.iter().filter(|r| r["light"] == light).count();
        assert!(n > 0);
        assert_eq!(
            page.matches(&format!("data-light=\"{light}\">")).count(),
            n + json["projects"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["light"] == light)
                .count(),
            "{light}"
        );
    }
}
