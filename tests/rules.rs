//! Every rule has a failing and a passing fixture under `tests/fixtures/rules/<rule-name>/`.
//! Each fixture's `# expect:` line names the codes it must yield; the check must yield exactly
//! those, and the human and JSON renderings are pinned by a snapshot.
//! The rule table's own examples (`jixiao explain`) are run too, so they cannot rot.

use jixiao::diagnostic::RULES;
use jixiao::source::SourceFile;

use crate::common::{check_file, expected_codes, found_codes, human, json};

#[test]
fn fixtures_yield_their_expected_codes() {
    insta::glob!("fixtures/rules/*/*.jx", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let checked = check_file(path);
        assert_eq!(
            found_codes(&checked),
            expected_codes(&text),
            "{}:\n{}",
            path.display(),
            human(std::slice::from_ref(&checked))
        );
        let results = [checked];
        insta::assert_snapshot!(format!("{}\n{}", human(&results), json(&results)));
    });
}

/// Wraps a rule-table example (the body of a project) into a whole spec.
fn example_spec(body: &str) -> String {
    let body: String = body.lines().map(|l| format!("    {l}\n")).collect();
    format!(
        "部门 \"示例部门\" 2023 {{\n  预算单位 \"示例单位\" {{\n    项目 \"示例项目\" {{\n{body}    }}\n  }}\n}}\n"
    )
}

#[test]
fn rule_table_examples_hold() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| !r.bad.is_empty()) {
        let bad = jixiao::check_source(SourceFile::new("bad.jx", example_spec(rule.bad)));
        let good = jixiao::check_source(SourceFile::new("good.jx", example_spec(rule.good)));
        if found_codes(&bad) != [rule.name] {
            failures.push(format!(
                "{}: bad example yields {:?}",
                rule.name,
                found_codes(&bad)
            ));
        }
        if !good.diagnostics.is_empty() {
            failures.push(format!(
                "{}: good example yields {:?}",
                rule.name,
                found_codes(&good)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Import findings (JX06xx) are about source tables, not specs: their fixtures are the tables
/// under `tests/fixtures/import/`, and `tests/import.rs` checks each code is reported by one.
#[test]
fn every_rule_has_both_fixtures() {
    let root = std::path::Path::new(crate::common::ROOT).join("tests/fixtures/rules");
    let missing: Vec<String> = RULES
        .iter()
        // Rules without a spec example (input limits, and the evaluator's rules, which need an
        // actuals file) are tested where they are produced.
        .filter(|r| !r.bad.is_empty())
        .flat_map(|r| ["fail", "pass"].map(|k| root.join(r.name).join(format!("{k}.jx"))))
        .filter(|p| !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    assert!(missing.is_empty(), "missing fixtures: {missing:?}");
}
