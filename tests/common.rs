//! Helpers shared by the test modules: checking a file as the CLI would, rendering without colour.

use std::path::{Path, PathBuf};

use jixiao::report::{human, json};
use jixiao::source::SourceFile;
use jixiao::{Checked, check_source_with};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Checks a file, naming it by its path relative to the crate root, under the `jixiao.toml`
/// beside it if there is one.
pub fn check_file(path: &Path) -> Checked {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .strip_prefix(ROOT)
        .unwrap_or(path)
        .display()
        .to_string();
    let config = path.with_file_name(jixiao::config::FILE_NAME);
    let settings = match std::fs::read_to_string(&config) {
        Ok(text) => {
            let (settings, problems) = jixiao::config::parse(&text);
            assert!(problems.is_empty(), "{}: {problems:?}", config.display());
            settings
        }
        Err(_) => jixiao::config::Settings::default(),
    };
    check_source_with(SourceFile::new(name, text), &settings)
}

/// Human rendering as tests see it: no colour, 100 columns.
pub fn human(results: &[Checked]) -> String {
    human::render(
        results,
        human::Style {
            color: false,
            width: 100,
        },
    )
}

pub fn json(results: &[Checked]) -> String {
    json::render(results)
}

/// `name*count` pairs from a fixture's `# expect:` line; `(nothing)` is none.
pub fn expected_codes(text: &str) -> Vec<String> {
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("# expect:"))
        .unwrap_or_else(|| panic!("fixture has no `# expect:` line"));
    let mut codes = Vec::new();
    for item in line
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "(nothing)")
    {
        let (name, count) = item.split_once('*').unwrap_or((item, "1"));
        let count: usize = count
            .parse()
            .unwrap_or_else(|_| panic!("bad count in `{item}`"));
        codes.extend(std::iter::repeat_n(name.to_owned(), count));
    }
    codes.sort();
    codes
}

/// The names of the codes a check found, sorted.
pub fn found_codes(checked: &Checked) -> Vec<String> {
    let mut codes: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.rule().name.to_owned())
        .collect();
    codes.sort();
    codes
}

/// Found = not imported + written, for every kind of thing, no count-mismatch, and the spec
/// written reads back.
pub fn assert_accounted(imported: &jixiao::import::Imported) {
    assert_eq!(
        imported.found,
        imported.skipped.plus(imported.written),
        "found {:?}, skipped {:?}, written {:?}",
        imported.found,
        imported.skipped,
        imported.written
    );
    assert!(
        !imported
            .diagnostics
            .iter()
            .any(|d| d.code == jixiao::diagnostic::Code::CountMismatch),
        "{:?}",
        imported.diagnostics
    );
    // What the importer wrote reads back: no line of it is unreadable.
    let parsed = jixiao::syntax::parse(&imported.spec);
    assert!(
        parsed.diagnostics.is_empty(),
        "{:?}\n{}",
        parsed.diagnostics,
        imported.spec
    );
}

/// Every `.jx` file under a folder of the repository, sorted.
pub fn jx_files(dir: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![Path::new(ROOT).join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "jx") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
