//! The real binary, run as a user runs it: exit codes, output formats, `explain`, bad input.

use std::process::{Command, Output};

use jixiao::source::SourceFile;

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

/// Many files are checked a window at a time and printed as they come: the output is each
/// file's own output in file order, with one summary of them all, and `-o` writes the same bytes.
#[test]
fn streamed_output_is_every_files_output_in_file_order() {
    let dir = std::env::temp_dir().join(format!("jixiao-stream-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let specs = [
        "specs/2023/gz-cac-2023.jx",
        "tests/fixtures/rules/vague-target/fail.jx",
    ];
    let mut expected = String::new();
    for i in 0..70 {
        let text = std::fs::read_to_string(format!("{ROOT}/{}", specs[i % 2])).unwrap();
        let file = dir.join(format!("{i:03}.jx"));
        std::fs::write(&file, text).unwrap();
        let alone = jixiao(&["check", file.to_str().unwrap(), "--format", "concise"]);
        let alone = stdout(&alone);
        expected.extend(
            alone
                .lines()
                .filter(|l| !l.starts_with("检查了"))
                .map(|l| l.to_owned() + "\n"),
        );
    }
    let dir_arg = dir.to_str().unwrap();
    let streamed = jixiao(&["check", dir_arg, "--format", "concise"]);
    let printed = stdout(&streamed);
    // Standard error is not a terminal here: no progress in it.
    assert!(
        streamed.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&streamed.stderr)
    );
    let (findings, summary) = printed.split_at(printed.rfind("检查了").unwrap());
    assert!(
        findings == expected,
        "the streamed findings differ from the files' own"
    );
    assert_eq!(
        summary,
        "检查了 70 个文件、5950 条指标：875 个错误，560 个警告\n"
    );
    let written = dir.join("out.txt");
    let out = written.to_str().unwrap();
    let to_file = jixiao(&["check", dir_arg, "--format", "concise", "-o", out]);
    assert_eq!(to_file.status.code(), streamed.status.code());
    assert!(std::fs::read_to_string(&written).unwrap() == printed);
    // The machine formats are streamed too: the same bytes as each format over the whole run.
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "jx"));
    files.sort();
    let results: Vec<_> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            jixiao::check_source(SourceFile::new(p.display().to_string(), text))
        })
        .collect();
    use jixiao::report::{github, json, junit, sarif};
    type Render = fn(&[jixiao::Checked]) -> String;
    let whole: [(&str, Render); 4] = [
        ("json", json::render),
        ("sarif", sarif::render),
        ("junit", junit::render),
        ("github", github::render),
    ];
    for (format, render) in whole {
        let streamed = stdout(&jixiao(&["check", dir_arg, "--format", format]));
        assert!(
            streamed == render(&results),
            "{format}: streamed output differs"
        );
    }
    // Written an element at a time, the array is what serde writes of the whole array.
    let findings: Vec<_> = results
        .iter()
        .flat_map(|c| c.diagnostics.iter().map(|d| json::finding(&c.source, d)))
        .collect();
    assert_eq!(findings.len(), 875 + 560);
    let array = serde_json::to_string_pretty(&findings).unwrap() + "\n";
    assert!(
        json::render(&results) == array,
        "the JSON array differs from serde's"
    );
    let log: serde_json::Value = serde_json::from_str(&sarif::render(&results)).unwrap();
    assert_eq!(
        log["runs"][0]["results"].as_array().unwrap().len(),
        875 + 560
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A workbook's findings name their cell in every format; an import finding, which no line of
/// the spec made from the workbook carries, is shown at its cell without that spec.
#[test]
fn workbook_findings_are_placed_at_their_cells() {
    let table = "tests/corpus/tables/nx-guyuan-yuanzhou-shuiyuanhanyang-2022/table.xlsx";
    let human = stdout(&jixiao(&["check", table]));
    assert!(
        human.contains(&format!("位置：{table}:Sheet1!D18")),
        "{human}"
    );
    assert!(!human.contains(&format!("{table}:1:1")), "{human}");
    let concise = stdout(&jixiao(&["check", table, "--format", "concise"]));
    assert!(
        concise
            .lines()
            .all(|l| l.starts_with(&format!("{table}:Sheet1")) || l.starts_with("检查了")),
        "{concise}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&jixiao(&["check", table, "--format", "json"]))).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|f| f["cell"].as_str().is_some_and(|c| c.starts_with("Sheet1")))
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&jixiao(&["check", table, "--format", "sarif"]))).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().all(|r| {
        r["locations"][0]["physicalLocation"]
            .get("region")
            .is_none()
            && r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                .as_str()
                .is_some()
    }));
}

/// On a terminal, a run that takes more than a moment shows its progress on standard error and
/// clears it at the end; what the run writes is the same as without a terminal.
#[test]
fn progress_shows_on_a_terminal_and_is_cleared() {
    if Command::new("script").arg("--version").output().is_err() {
        println!("script (util-linux) is not installed: progress on a terminal not tried");
        return;
    }
    let dir = std::env::temp_dir().join(format!("jixiao-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(format!("{ROOT}/specs/2023/gz-cac-2023.jx")).unwrap();
    for i in 0..300 {
        std::fs::write(dir.join(format!("{i:03}.jx")), &text).unwrap();
    }
    let (piped, on_terminal) = (dir.join("piped.txt"), dir.join("terminal.txt"));
    let args = |out: &std::path::Path| {
        format!(
            "{} check {} --format concise -o {}",
            env!("CARGO_BIN_EXE_jixiao"),
            dir.display(),
            out.display()
        )
    };
    let _ = jixiao(&[
        "check",
        dir.to_str().unwrap(),
        "--format",
        "concise",
        "-o",
        piped.to_str().unwrap(),
    ]);
    let typescript = dir.join("typescript");
    let run = Command::new("script")
        .args(["-qfc", &args(&on_terminal)])
        .arg(&typescript)
        .output()
        .unwrap();
    assert!(
        run.status.success() || run.status.code() == Some(1),
        "{run:?}"
    );
    let shown = std::fs::read_to_string(&typescript).unwrap();
    assert!(
        shown.contains("个文件，还需约"),
        "no progress on the terminal: {shown}"
    );
    let last = shown.rfind("个文件，还需约").unwrap();
    assert!(
        shown[last..].contains("\x1b[2K"),
        "progress not cleared: {}",
        &shown[last..]
    );
    assert!(std::fs::read(&piped).unwrap() == std::fs::read(&on_terminal).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}
