//! Every rule has a failing and a passing fixture under `tests/fixtures/rules/<rule-name>/`.
//! Each fixture's `# expect:` line names the codes it must yield; the check must yield exactly
//! those, and the human and JSON renderings are pinned by a snapshot.
//! The rule table's own examples (`jixiao explain`) are run too, so they cannot rot.

use std::path::Path;

use jixiao::diagnostic::RULES;
use jixiao::source::SourceFile;

use crate::common::{ROOT, check_file, expected_codes, found_codes, human, json};

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

/// Vague words are found in one pass over a target (aho-corasick); the answer must be the one a
/// plain word-by-word search gives: the leftmost word, the longest at that place, built-in or
/// configured, over every target of the specs and fixtures and every word written twice.
#[test]
fn vague_words_found_in_one_pass_are_the_leftmost_longest() {
    use jixiao::check::vocabulary::{VAGUE_WORDS, vague_word};
    let extra = [
        "酌情".to_owned(),
        "相符合".to_owned(),
        "较高水平".to_owned(),
    ];
    let by_word = |text: &str| {
        (VAGUE_WORDS.iter().copied())
            .chain(extra.iter().map(String::as_str))
            .filter_map(|w| text.find(w).map(|at| (at, w)))
            .min_by_key(|(at, w)| (*at, usize::MAX - w.len()))
    };
    let mut texts: Vec<String> = VAGUE_WORDS.iter().map(|w| format!("{w}{w}")).collect();
    texts.extend(extra.iter().map(|w| format!("基本{w}")));
    let specs = [
        "specs/2023/gz-cac-2023.jx",
        "specs/2021/gz-cac-2021-self-eval.jx",
    ];
    let fixtures = crate::common::jx_files("tests/fixtures/rules"); // <rule>/*.jx, in path order
    for path in specs
        .iter()
        .map(|p| Path::new(ROOT).join(p))
        .chain(fixtures)
    {
        let checked = check_file(&path);
        texts.extend(checked.spec.all_indicators().map(|i| i.target.text.clone()));
    }
    assert!(texts.len() > 200, "{}", texts.len());
    let mut found = 0;
    for text in &texts {
        let expected = by_word(text);
        assert_eq!(vague_word(text, &extra), expected, "{text}");
        found += usize::from(expected.is_some());
    }
    assert!(found > 50, "{found}");
}
