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
