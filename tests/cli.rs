//! The real binary, run as a user runs it: exit codes, output formats, `explain`, bad input.

use std::process::{Command, Output};

use crate::common::ROOT;

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn clean_spec_exits_0() {
    let out = jixiao(&["check", "tests/fixtures/rules/vague-target/pass.jx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("没有发现问题"));
}

#[test]
fn warnings_alone_exit_0() {
    let out = jixiao(&["check", "tests/fixtures/rules/unit-mismatch/fail.jx"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("0 个错误，3 个警告"));
}

#[test]
fn errors_exit_1() {
    let out = jixiao(&["check", "tests/fixtures/rules/vague-target/fail.jx"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn missing_path_exits_2() {
    let out = jixiao(&["check", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir"));
}

#[test]
fn unknown_flag_exits_2() {
    assert_eq!(jixiao(&["check", "--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn json_is_an_array_of_findings_with_the_documented_fields() {
    let out = jixiao(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/rules/vague-target/fail.jx",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let findings = findings.as_array().expect("an array");
    assert_eq!(findings.len(), 4);
    let fields = [
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "start_byte",
        "end_byte",
        "code",
        "name",
        "severity",
        "message",
        "help",
    ];
    for finding in findings {
        for field in fields {
            assert!(
                finding.get(field).is_some(),
                "missing `{field}` in {finding}"
            );
        }
    }
    // 提升 on line 6: `      效益   网络安全防御能力     提升`, column counted in characters.
    assert_eq!(findings[0]["line"], 6);
    assert_eq!(findings[0]["column"], 25);
    assert_eq!(findings[0]["end_column"], 27);
    assert_eq!(findings[0]["name"], "vague-target");
}

#[test]
fn explain_prints_the_rule_and_its_examples() {
    let by_name = jixiao(&["explain", "vague-target"]);
    let by_code = jixiao(&["explain", "jx0101"]);
    assert_eq!(by_name.status.code(), Some(0));
    assert_eq!(stdout(&by_name), stdout(&by_code));
    assert!(stdout(&by_name).contains("效益 网络安全防御能力 提升"));
}

#[test]
fn explain_lists_every_rule() {
    let out = stdout(&jixiao(&["explain"]));
    for rule in jixiao::diagnostic::RULES {
        assert!(out.contains(rule.name), "{} not listed", rule.name);
    }
}

#[test]
fn explain_unknown_code_exits_2() {
    assert_eq!(jixiao(&["explain", "no-such-rule"]).status.code(), Some(2));
}

#[test]
fn non_utf8_file_is_a_finding_not_a_crash() {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gbk.jx");
    std::fs::write(&path, b"\xb2\xfa\xb3\xf6 \xc3\xfb \xff\n").unwrap();
    let out = jixiao(&["check", "--format", "json", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("input-limit"));
}

#[test]
fn model_prints_normalized_targets() {
    let out = jixiao(&["model", "tests/fixtures/rules/bad-range/pass.jx"]);
    assert_eq!(out.status.code(), Some(0));
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &model["departments"][0]["agencies"][0]["projects"][0]["indicators"][0];
    assert_eq!(first["target"]["clauses"][0]["form"], "range");
    assert_eq!(first["target"]["clauses"][0]["low"]["value"], "15");
    assert_eq!(
        first["target"]["clauses"][0]["high"]["unit"]["symbol"],
        "家"
    );
}
