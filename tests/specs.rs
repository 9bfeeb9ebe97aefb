//! The full check of the bundled specs: its output is pinned by a snapshot, and the README shows
//! exactly that output in the concise format (so the README cannot go stale).

use std::path::Path;

use crate::common::{ROOT, check_file, human};

#[test]
fn check_of_the_2023_seed_spec() {
    let checked = check_file(&Path::new(ROOT).join("specs/2023/gz-cac-2023.jx"));
    assert_eq!(
        checked.spec.indicators().count(),
        165,
        "every published indicator is read"
    );
    assert_eq!(checked.spec.projects().count(), 32);
    assert_eq!(checked.spec.departments[0].agencies.len(), 4);
    let classified = checked
        .spec
        .projects()
        .filter(|(_, p)| p.classified)
        .count();
    assert_eq!(classified, 2);
    let results = [checked];
    insta::assert_snapshot!(human(&results));
    // `jixiao check specs/` checks every spec there, in path order.
    let every = [
        check_file(&Path::new(ROOT).join("specs/2021/gz-cac-2021-self-eval.jx")),
        check_file(&Path::new(ROOT).join("specs/2023/gz-cac-2023.jx")),
    ];
    let output = jixiao::report::concise::render(&every);
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    assert!(
        readme.contains(&output),
        "README.md must show the current output of `jixiao check specs/` (`jixiao check --format concise specs/`)"
    );
}

/// The README's rule table is the rule table: same codes, names, levels and titles, by code.
#[test]
fn readme_lists_every_rule_as_the_table_says() {
    let mut rules: Vec<_> = jixiao::diagnostic::RULES.iter().collect();
    rules.sort_by_key(|r| r.id);
    let table: String = rules
        .iter()
        .map(|r| {
            let level = r.severity.as_str();
            format!("| {} | `{}` | {level} | {} |\n", r.id, r.name, r.title)
        })
        .collect();
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    assert!(
        readme.contains(&table),
        "README.md rule table should be:\n{table}"
    );
}

/// The CI section shows the real output of the concise and GitHub formats on the demo spec.
#[test]
fn readme_shows_the_real_ci_formats() {
    let checked = check_file(&Path::new(ROOT).join("tests/fixtures/ci/demo.jx"));
    let results = [checked];
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    for (format, output) in [
        ("concise", jixiao::report::concise::render(&results)),
        ("github", jixiao::report::github::render(&results)),
        ("junit", jixiao::report::junit::render(&results)),
    ] {
        assert!(
            readme.contains(&output),
            "README.md must show the {format} output:\n{output}"
        );
    }
}

/// `jixiao check --format review` on the 2023 seed: pinned, and shown in the README as it is.
#[test]
fn review_of_the_2023_seed_is_in_the_readme() {
    let checked = check_file(&Path::new(ROOT).join("specs/2023/gz-cac-2023.jx"));
    let review = jixiao::report::review::render(std::slice::from_ref(&checked));
    insta::assert_snapshot!(review);
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    assert!(
        readme.contains(&review),
        "README.md must show the current output of `jixiao check --format review specs/2023/gz-cac-2023.jx`"
    );
}

/// Every profile is documented in the README with its requirements and sources.
#[test]
fn readme_documents_every_profile_with_its_sources() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    for profile in jixiao::config::Profile::ALL {
        let r = profile.requirements();
        let row = format!(
            "| `{}` | {} | {} |",
            profile.name(),
            if r.cost_required {
                "必须"
            } else {
                "不要求"
            },
            r.min_indicators,
        );
        assert!(
            readme.contains(&row),
            "README.md should have the row\n{row}"
        );
        for source in r.sources {
            assert!(readme.contains(source), "README.md should cite {source}");
        }
    }
}
