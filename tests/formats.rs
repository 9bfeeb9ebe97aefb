//! The CI formats (SARIF, GitHub workflow commands, JUnit XML) and the exit-code flags of `check`.

use std::path::Path;
use std::process::{Command, Output};

use jixiao::diagnostic::{Code, Diagnostic, RULES};
use jixiao::report::{github, json, junit, sarif};
use jixiao::source::{SourceFile, Span};
use jixiao::{Checked, check_source};

use crate::common::{ROOT, check_file, jx_files};

const FIXTURES: [&str; 2] = ["vague-target", "syntax-error"];

fn fixture(rule: &str) -> Checked {
    check_file(&Path::new(ROOT).join(format!("tests/fixtures/rules/{rule}/fail.jx")))
}

#[test]
fn formats_snapshots() {
    for rule in FIXTURES {
        let results = [fixture(rule)];
        let log = sarif::render(&results).replace(
            &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
            "\"version\": \"[version]\"",
        );
        insta::assert_snapshot!(format!("{rule}.sarif"), log);
        insta::assert_snapshot!(format!("{rule}.github"), github::render(&results));
        insta::assert_snapshot!(format!("{rule}.junit"), junit::render(&results));
    }
}

#[test]
fn formats_sarif_has_the_required_structure_for_every_fixture() {
    let pattern = Path::new(ROOT).join("tests/fixtures/rules");
    for entry in std::fs::read_dir(pattern).unwrap().flatten() {
        let results = [check_file(&entry.path().join("fail.jx"))];
        let log: serde_json::Value = serde_json::from_str(&sarif::render(&results)).unwrap();
        let findings: serde_json::Value = serde_json::from_str(&json::render(&results)).unwrap();
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(
            log["$schema"],
            "https://json.schemastore.org/sarif-2.1.0.json"
        );
        let runs = log["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["tool"]["driver"]["name"], "jixiao");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), RULES.len());
        for rule in rules {
            for field in ["id", "name"] {
                assert!(rule[field].is_string(), "{rule}");
            }
            for field in ["shortDescription", "fullDescription", "help"] {
                assert!(!rule[field]["text"].as_str().unwrap().is_empty(), "{rule}");
            }
            let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
            assert!(level == "error" || level == "warning");
        }
        let sarif_results = run["results"].as_array().unwrap();
        let findings = findings.as_array().unwrap();
        assert_eq!(sarif_results.len(), findings.len());
        assert!(!sarif_results.is_empty(), "{}", entry.path().display());
        for (result, finding) in sarif_results.iter().zip(findings) {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
            assert_eq!(result["ruleId"], finding["code"]);
            assert_eq!(result["level"], finding["severity"]);
            assert!(!result["message"]["text"].as_str().unwrap().is_empty());
            let location = &result["locations"][0]["physicalLocation"];
            let uri = location["artifactLocation"]["uri"].as_str().unwrap();
            assert!(uri.starts_with("tests/fixtures/rules/") && !uri.contains('\\'));
            assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            let region = &location["region"];
            for field in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(region[field].as_u64().unwrap() >= 1, "{region}");
            }
            assert_eq!(region["startLine"], finding["line"]);
            assert_eq!(region["startColumn"], finding["column"]);
            assert_eq!(region["endLine"], finding["end_line"]);
            assert_eq!(region["endColumn"], finding["end_column"]);
            assert_eq!(region["byteOffset"], finding["start_byte"]);
            let length =
                finding["end_byte"].as_u64().unwrap() - finding["start_byte"].as_u64().unwrap();
            assert_eq!(region["byteLength"].as_u64().unwrap(), length);
            let fingerprint = result["partialFingerprints"][sarif::FINGERPRINT_KEY]
                .as_str()
                .unwrap();
            assert_eq!(fingerprint.len(), 16);
            assert!(fingerprint.chars().all(|c| c.is_ascii_hexdigit()));
        }
    }
}

fn fingerprints(checked: &Checked) -> Vec<(usize, String)> {
    checked
        .diagnostics
        .iter()
        .map(|d| {
            (
                checked.source.line_col(d.span.start).line,
                sarif::fingerprint(&checked.source, d),
            )
        })
        .collect()
}

#[test]
fn formats_sarif_fingerprint_survives_moving_lines() {
    let path = Path::new(ROOT).join("tests/fixtures/rules/vague-target/fail.jx");
    let text = std::fs::read_to_string(path).unwrap();
    let before = check_source(SourceFile::new("specs/a.jx", text.clone()));
    let after = check_source(SourceFile::new(
        "specs/a.jx",
        format!("# 新增的注释\n{text}"),
    ));
    let (before, after) = (fingerprints(&before), fingerprints(&after));
    assert_eq!(before.len(), 4);
    assert_eq!(before.len(), after.len());
    for ((line_before, print_before), (line_after, print_after)) in before.iter().zip(&after) {
        assert_eq!(line_before + 1, *line_after);
        assert_eq!(print_before, print_after);
    }
    // Different findings, different fingerprints.
    let mut distinct: Vec<&String> = before.iter().map(|(_, p)| p).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 4);
}

#[test]
fn formats_github_escapes_and_gives_columns_only_on_one_line() {
    assert_eq!(github::escape_data("95%\r\n下一行"), "95%25%0D%0A下一行");
    assert_eq!(github::escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    let source = SourceFile::new("dir,x/a:b.jx", "第一行\n第二行\n");
    let one_line = Diagnostic::new(Code::SyntaxError, Span::new(3, 6)).arg("detail", "50%:是,否");
    assert_eq!(
        github::command(&source, &one_line),
        "::error file=dir%2Cx/a%3Ab.jx,line=1,endLine=1,col=2,endColumn=3,title=JX0001 syntax-error::50%25:是,否"
    );
    let two_lines =
        Diagnostic::new(Code::SyntaxError, Span::new(3, 13)).arg("detail", "跨行\n问题");
    assert_eq!(
        github::command(&source, &two_lines),
        "::error file=dir%2Cx/a%3Ab.jx,line=1,endLine=2,title=JX0001 syntax-error::跨行%0A问题"
    );
}

#[test]
fn formats_github_lists_errors_before_warnings() {
    let text = "部门 \"示例部门\" 2023 {\n  预算单位 \"示例单位\" {\n    项目 \"示例项目\" {\n      产出 故障平均处理时间(分钟) <= 2小时\n      效益 网络安全防御能力 提升\n      满意度 群众满意度 > 95%\n    }\n  }\n}\n";
    let results = [check_source(SourceFile::new("a.jx", text))];
    let out = github::render(&results);
    let kinds: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("::"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(kinds, ["error", "warning"], "{out}");
    assert!(out.ends_with("1 个错误，1 个警告\n"), "{out}");
}

/// Checks that every tag is closed in order, and returns how many `<testcase` there are.
fn balanced_testcases(xml: &str) -> usize {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .unwrap();
    let mut stack: Vec<String> = Vec::new();
    let mut testcases = 0;
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').unwrap() + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "unescaped `<` in {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "{xml}");
        } else {
            let name: String = tag
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/')
                .collect();
            if name == "testcase" {
                testcases += 1;
            }
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    testcases
}

#[test]
fn formats_junit_is_balanced_with_one_testcase_per_indicator() {
    let vague = fixture("vague-target");
    let indicators = vague.spec.indicators().count();
    assert_eq!(indicators, 5);
    let xml = junit::render(std::slice::from_ref(&vague));
    assert_eq!(balanced_testcases(&xml), indicators);
    assert_eq!(xml.matches("<failure ").count(), 4);
    // Findings outside every indicator get one more testcase, named after the file.
    let syntax = fixture("syntax-error");
    let xml = junit::render(std::slice::from_ref(&syntax));
    assert_eq!(
        balanced_testcases(&xml),
        syntax.spec.indicators().count() + 1
    );
    assert!(xml.contains(&format!("name=\"{}\">", syntax.source.name)));
    let tricky = check_source(SourceFile::new("a&<b>\"'.jx", "产出 x\n"));
    balanced_testcases(&junit::render(&[tricky]));
}

fn jixiao(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    command
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the binary runs")
}

const WARNINGS_ONLY: &str = "tests/fixtures/rules/unit-mismatch/fail.jx";
const ERRORS: &str = "tests/fixtures/rules/vague-target/fail.jx";

#[test]
fn formats_cli_fail_on_warning_fails_on_warnings() {
    let default = jixiao(&["check", WARNINGS_ONLY], &[]);
    assert_eq!(default.status.code(), Some(0));
    let strict = jixiao(&["check", "--fail-on", "warning", WARNINGS_ONLY], &[]);
    assert_eq!(strict.status.code(), Some(1));
    let explicit = jixiao(&["check", "--fail-on", "error", ERRORS], &[]);
    assert_eq!(explicit.status.code(), Some(1));
}

#[test]
fn formats_cli_exit_zero_passes_findings_but_not_failures() {
    let out = jixiao(
        &["check", "--exit-zero", "--fail-on", "warning", ERRORS],
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("4 个错误"));
    let missing = jixiao(&["check", "--exit-zero", "no/such/dir"], &[]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn formats_cli_github_actions_defaults_to_github_and_writes_the_step_summary() {
    let dir = std::env::temp_dir().join(format!("jixiao-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let summary = dir.join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let summary_path = summary.to_str().unwrap();
    let env = [
        ("GITHUB_ACTIONS", "true"),
        ("GITHUB_STEP_SUMMARY", summary_path),
    ];
    let out = jixiao(&["check", ERRORS], &env);
    let written = std::fs::read_to_string(&summary).unwrap();
    let explicit = jixiao(&["check", "--format", "json", ERRORS], &env);
    let after_json = std::fs::read_to_string(&summary).unwrap();
    std::fs::remove_dir_all(&dir).ok();

    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("::error file=tests/fixtures/rules/vague-target/fail.jx,line=6,"),
        "{stdout}"
    );
    assert!(
        written.starts_with("earlier step\n### jixiao\n"),
        "{written}"
    );
    assert!(
        written.contains("| 级别 | 位置 | 规则 | 说明 |"),
        "{written}"
    );
    assert_eq!(written.matches("| error | `").count(), 4, "{written}");
    // An explicit format wins, and only the github format writes the summary.
    assert!(explicit.stdout.starts_with(b"["));
    assert_eq!(after_json, written);
}

/// The HTML report stands alone (nothing it loads, no script), escapes what the spec says, and
/// shows every finding with the counts of the JSON output.
#[test]
fn formats_html_is_self_contained_escaped_and_counts_as_json() {
    use jixiao::report::html;
    let results = [fixture("vague-target"), fixture("syntax-error")];
    let page = html::check(&results);
    for outside in ["<script", " src=", "href=\"http", "url(", "@import"] {
        assert!(!page.contains(outside), "{outside}");
    }
    let findings: usize = results.iter().map(|c| c.diagnostics.len()).sum();
    assert_eq!(page.matches("<div class=\"finding ").count(), findings);
    let errors = json::render(&results)
        .matches("\"severity\": \"error\"")
        .count();
    assert!(page.contains(&format!("<strong data-errors>{errors}</strong>")));
    let tricky = check_source(SourceFile::new(
        "<b>x</b>.jx",
        "部门 \"d\" 2023 {\n  预算单位 \"单位\" {\n    项目 \"p\" {\n      产出 x <script>alert(1)</script>\n    }\n  }\n}\n",
    ));
    let page = html::check(&[tricky]);
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(!page.contains("<b>x</b>"));
}

/// The 审核意见 page says what the Markdown says: the same grade for every project, every finding;
/// the check overview of several files shows each file's worst grade.
#[test]
fn formats_review_html_grades_as_the_markdown() {
    use jixiao::report::{html, review};
    let results: Vec<_> = [
        "specs/2023/gz-cac-2023.jx",
        "specs/2021/gz-cac-2021-self-eval.jx",
    ]
    .iter()
    .map(|p| crate::common::check_file(&std::path::Path::new(crate::common::ROOT).join(p)))
    .collect();
    let markdown = review::render(&results);
    let page = html::review(&results);
    assert!(!page.contains("报告模板出错") && !page.contains("<script"));
    for grade in ["优", "良", "中", "差"] {
        let n = markdown.matches(&format!("审核结果：**{grade}**")).count();
        assert!(
            page.contains(&format!("data-grade-count=\"{grade}\">{n}<")),
            "{grade}"
        );
        assert_eq!(
            page.matches(&format!("data-grade>{grade}<")).count(),
            n,
            "{grade}"
        );
    }
    let items = markdown
        .lines()
        .filter(|l| l.starts_with("- 「") || l.starts_with("- 第") || l.starts_with("- 未填写"))
        .count();
    assert_eq!(page.matches("<li class=\"finding-item\">").count(), items);
    let overview = html::check(&results);
    assert_eq!(
        overview.matches("data-file-grade>").count(),
        1,
        "the 2021 spec has no project"
    );
    assert!(overview.contains("data-file-grade>差<"));
}

#[test]
fn formats_html_is_written_whole_to_its_file() {
    let dir = tempdir();
    let out = dir.join("报告.html");
    let run = jixiao(
        &[
            "check",
            ERRORS,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(run.status.code(), Some(1), "findings still fail the run");
    assert!(run.stdout.is_empty());
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-html-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The human report's snippets read a span from the first line of its context on, not from the
/// start of the file: what they read is what miette's scan of the whole text reads, for spans
/// at and inside every line of every spec and fixture, with every context size the report uses
/// (the column is in characters, as people count).
#[test]
fn human_snippets_read_what_a_scan_of_the_whole_text_reads() {
    use miette::{SourceCode, SourceSpan};
    let mut files = jx_files("specs");
    files.extend(jx_files("tests/fixtures"));
    let mut compared = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        if text.replace("\r\n", "").contains('\r') {
            continue; // miette breaks lines at a lone \r too; the spec's lines do not
        }
        let file = SourceFile::new("f.jx", text.clone());
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1));
        for start in line_starts
            .flat_map(|s| [s, s + 2])
            .filter(|&s| text.is_char_boundary(s))
        {
            for (len, context) in [(0, 0), (1, 1), (3, 2), (40, 1), (200, 3)] {
                let span = SourceSpan::new(start.into(), len);
                let whole = text.as_str().read_span(&span, context, context);
                let ours = file.read_span(&span, context, context);
                let (Ok(whole), Ok(ours)) = (whole, ours) else {
                    continue;
                };
                let at = format!("{} at {start}+{len}, context {context}", path.display());
                assert_eq!(ours.data(), whole.data(), "{at}");
                assert_eq!(ours.span(), whole.span(), "{at}");
                assert_eq!(ours.line(), whole.line(), "{at}");
                assert_eq!(ours.line_count(), whole.line_count(), "{at}");
                let offset = whole.span().offset();
                assert_eq!(ours.column(), file.line_col(offset).column - 1, "{at}");
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "compared {compared}");
}
