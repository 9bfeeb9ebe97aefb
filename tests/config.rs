//! `jixiao.toml`, suppressions and baselines, as a user meets them: configs found by walking up,
//! rule levels, vocabulary, file globs, errors pointing into the config, the shipped schema, and
//! baselines that survive moved lines.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jixiao::config;
use jixiao::source::SourceFile;

use crate::common::ROOT;

/// A fresh folder under cargo's test scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("config-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

/// A project with one vague target, one target in an organisation's own unit and one grade.
const SPEC: &str = "部门 \"示例部门\" 2023 {
  预算单位 \"示例单位\" {
    项目 \"示例项目\" {
      产出.数量 垃圾清运量       >= 100车
      产出.质量 保洁质量         达标
      效益      网络安全防御能力 提升
      满意度    群众满意度       >= 80%
    }
  }
}
";

#[test]
fn nearest_config_wins_and_sets_levels_vocabulary_and_thresholds() {
    let dir = scratch("nearest");
    write(&dir, "a/spec.jx", SPEC);
    write(&dir, "b/spec.jx", SPEC);
    write(&dir, "jixiao.toml", "[rules]\nvague-target = \"off\"\n");
    write(
        &dir,
        "b/jixiao.toml",
        "[vocabulary]\nunits = [\"车\"]\ngrade-scales = [[\"达标\", \"基本达标\", \"未达标\"]]\n\n\
         [[thresholds]]\ncategory = \"满意度\"\nmin = \"85%\"\n",
    );
    let out = run(&dir, &["check", "--format", "concise", "."]);
    insta::assert_snapshot!(text(&out));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn include_and_exclude_globs_choose_walked_files_but_never_named_ones() {
    let dir = scratch("globs");
    write(&dir, "specs/2023/a.jx", SPEC);
    write(&dir, "specs/legacy/old.jx", SPEC);
    write(&dir, "drafts/x.jx", SPEC);
    write(
        &dir,
        "jixiao.toml",
        "[files]\ninclude = [\"specs/**\"]\nexclude = [\"specs/legacy/**\"]\n",
    );
    let walked = text(&run(&dir, &["check", "--format", "concise", "."]));
    assert!(walked.contains("specs/2023/a.jx"), "{walked}");
    assert!(
        !walked.contains("legacy") && !walked.contains("drafts"),
        "{walked}"
    );
    let named = text(&run(
        &dir,
        &["check", "--format", "concise", "specs/legacy/old.jx"],
    ));
    assert!(named.contains("specs/legacy/old.jx"), "{named}");
}

#[test]
fn config_errors_point_into_the_config_and_exit_2() {
    let dir = scratch("errors");
    write(&dir, "spec.jx", SPEC);
    write(
        &dir,
        "jixiao.toml",
        "[rules]\nvague-targt = \"warning\"\n\n[[thresholds]]\ncategory = \"满意\"\nmin = \"八成\"\n",
    );
    let out = run(&dir, &["check", "spec.jx"]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("config_errors", text(&out));
    write(
        &dir,
        "jixiao.toml",
        "[rules]\nmissing-unit = \"warn\"\n[vocab]\n",
    );
    let out = run(&dir, &["check", "spec.jx"]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("config_type_error", text(&out));
}

#[test]
fn config_show_names_the_file_and_every_rule_level() {
    let dir = scratch("show");
    write(
        &dir,
        "jixiao.toml",
        "[rules]\nJX0202 = \"off\"\nvague-target = \"warning\"\n",
    );
    write(&dir, "deep/er/spec.jx", SPEC);
    let out = run(&dir, &["config", "--show", "deep/er/spec.jx"]);
    insta::assert_snapshot!(text(&out));
    let none = run(&dir, &["config", "--no-config"]);
    assert!(text(&none).contains("没有找到 jixiao.toml"));
}

#[test]
fn the_shipped_schema_is_the_generated_one_and_accepts_the_example_config() {
    let shipped = std::fs::read_to_string(Path::new(ROOT).join("jixiao.schema.json")).unwrap();
    assert_eq!(
        shipped,
        config::json_schema(),
        "regenerate with `cargo run -- config --schema > jixiao.schema.json`"
    );
    let example = std::fs::read_to_string(Path::new(ROOT).join("jixiao.example.toml")).unwrap();
    let (settings, problems) = config::parse(&example);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(!settings.thresholds.is_empty() && !settings.rules.is_empty());
}

#[test]
fn levels_change_severity_and_off_silences() {
    // The threshold would flag 群众满意度 >= 80%; switching its rule off must silence it.
    let (settings, problems) = config::parse(
        "[rules]\nvague-target = \"warning\"\nJX0108 = \"off\"\n\n\
         [[thresholds]]\ncategory = \"满意度\"\nmin = \"85%\"\n",
    );
    assert!(problems.is_empty());
    let checked = jixiao::check_source_with(SourceFile::new("s.jx", SPEC), &settings);
    let vague: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.rule().name == "vague-target")
        .collect();
    assert_eq!(vague.len(), 1, "提升");
    assert!(
        vague
            .iter()
            .all(|d| d.severity == jixiao::diagnostic::Severity::Warning)
    );
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.rule().name != "below-threshold"),
        "the rule is off"
    );
}

#[test]
fn baseline_reports_only_new_findings_even_after_lines_move() {
    let dir = scratch("baseline");
    write(&dir, "spec.jx", SPEC);
    let out = run(&dir, &["check", "--write-baseline", "baseline.json", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let baseline = std::fs::read_to_string(dir.join("baseline.json")).unwrap();
    insta::assert_snapshot!("baseline_file", baseline);

    let quiet = run(&dir, &["check", "--baseline", "baseline.json", "."]);
    assert_eq!(quiet.status.code(), Some(0), "{}", text(&quiet));

    // Lines move (a comment and a blank line on top), and one new vague target arrives.
    let moved = format!(
        "# 2024 年修订\n\n{}",
        SPEC.replace(
            "      满意度",
            "      效益      舆情应对能力     增强\n      满意度"
        )
    );
    write(&dir, "spec.jx", &moved);
    let out = run(
        &dir,
        &[
            "check",
            "--format",
            "concise",
            "--baseline",
            "baseline.json",
            ".",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("baseline_new_only", text(&out));
}

#[test]
fn a_broken_baseline_is_a_failure_not_a_pass() {
    let dir = scratch("broken-baseline");
    write(&dir, "spec.jx", SPEC);
    write(
        &dir,
        "baseline.json",
        "{\"version\": 1, \"findings\": [ {\"file\": 3} ]}",
    );
    let out = run(&dir, &["check", "--baseline", "baseline.json", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("基线文件无法读取"), "{}", text(&out));
}

#[test]
fn parallel_checking_keeps_output_byte_identical() {
    let first = run(
        Path::new(ROOT),
        &["check", "--format", "json", "specs", "tests/fixtures"],
    );
    for _ in 0..3 {
        let again = run(
            Path::new(ROOT),
            &["check", "--format", "json", "specs", "tests/fixtures"],
        );
        assert_eq!(first.stdout, again.stdout);
    }
}

/// serde's messages reach the user in Chinese, with the span on the offending text.
#[test]
fn config_type_errors_read_in_chinese() {
    let cases = [
        (
            "[vocab]\n",
            "未知的键 `vocab`（可用的键：profile、review、files、rules、vocabulary、thresholds、standards、monitor）",
            "vocab",
        ),
        ("files = 3\n", "类型不对：写的是整数 `3`，应为表", "3"),
        (
            "[vocabulary]\nunits = \"吨\"\n",
            "类型不对：写的是字符串 \"吨\"，应为数组",
            "\"吨\"",
        ),
        ("[[thresholds]]\nmin = \"85%\"\n", "缺少键 `category`", ""),
    ];
    for (text, message, marked) in cases {
        let (_, problems) = config::parse(text);
        assert_eq!(problems.len(), 1, "{text}");
        assert_eq!(
            problems[0].message(),
            format!("jixiao.toml：{message}"),
            "{text}"
        );
        if !marked.is_empty() {
            let span = problems[0].span;
            assert_eq!(&text[span.start..span.end], marked, "{text}");
        }
    }
}
