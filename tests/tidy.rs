//! Keeps the code honest about its own map: floors respected, every folder in ARCHITECTURE.md,
//! every file documented, one rule file per lint, no leftover debugging.

use std::path::{Path, PathBuf};

use crate::common::ROOT;

/// The floors of `src/`, lowest first: a module may use its own floor and the ones below.
const FLOORS: &[&[&str]] = &[
    &["source", "diagnostic"],
    &["config"],
    &["syntax"],
    &["model"],
    &["check", "format"],
    &["eval", "import"],
    &["report"],
    &["lsp"],
    &["cli"],
];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|floor| floor.contains(&module))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The top-level module a file of `src/` belongs to (`src/model/value.rs` → `model`).
fn module_of(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(Path::new(ROOT).join("src")).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_owned())
}

#[test]
fn later_floors_are_never_used_by_earlier_ones() {
    let mut violations = Vec::new();
    for path in rust_files(&Path::new(ROOT).join("src")) {
        let Some(own) = module_of(&path).and_then(|m| floor_of(&m)) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            for used in line.split("crate::").skip(1) {
                let name: String = used
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if floor_of(&name).is_some_and(|f| f > own) {
                    violations.push(format!("{}:{}: uses crate::{name}", path.display(), i + 1));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn architecture_names_every_source_folder() {
    let map = std::fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("src"))
        .unwrap()
        .flatten()
    {
        if entry.path().is_dir() {
            let name = format!("src/{}", entry.file_name().to_string_lossy());
            if !map.contains(&name) {
                missing.push(name);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md does not mention {missing:?}"
    );
}

#[test]
fn every_file_starts_with_a_module_doc_and_holds_no_debugging() {
    let mut problems = Vec::new();
    for dir in ["src", "tests", "benches"] {
        for path in rust_files(&Path::new(ROOT).join(dir)) {
            let text = std::fs::read_to_string(&path).unwrap();
            if !text.starts_with("//!") {
                problems.push(format!("{}: first line is not a `//!` doc", path.display()));
            }
            let forbidden = [
                concat!("todo", "!("),
                concat!("dbg", "!("),
                concat!("unimplemented", "!("),
            ];
            for word in forbidden {
                if text.contains(word) {
                    problems.push(format!("{}: contains {word}", path.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_lint_has_its_own_rule_file_and_one_table_row() {
    let rules_dir = Path::new(ROOT).join("src/check/rules");
    for (code, _) in jixiao::check::LINTS {
        let file = rules_dir.join(format!("{}.rs", code.name().replace('-', "_")));
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|_| panic!("{} is missing", file.display()));
        assert!(
            text.contains(code.name()) && text.contains(code.id()),
            "{} must name its rule",
            file.display()
        );
    }
    let mut ids: Vec<&str> = jixiao::diagnostic::RULES.iter().map(|r| r.id).collect();
    let mut names: Vec<&str> = jixiao::diagnostic::RULES.iter().map(|r| r.name).collect();
    ids.sort_unstable();
    names.sort_unstable();
    let (ids_len, names_len) = (ids.len(), names.len());
    ids.dedup();
    names.dedup();
    assert_eq!(
        (ids.len(), names.len()),
        (ids_len, names_len),
        "codes and names are unique"
    );
    for rule in jixiao::diagnostic::RULES {
        assert_eq!(rule.code.rule().id, rule.id, "Code::rule finds its own row");
    }
}

/// The fast paths of `grammar/value.pest` (`free_plain`, `subject_plain`, `context_plain`) read
/// ordinary characters without the guards of their loops; they must leave out every character a
/// guard can stop at, or a subject would swallow the operator after it. This keeps them in step
/// when a guard learns a new first character.
#[test]
fn grammar_fast_paths_leave_out_every_stop_character() {
    let grammar = std::fs::read_to_string(Path::new(ROOT).join("grammar/value.pest")).unwrap();
    let firsts = |rule: &str| -> Vec<char> {
        let (ranges, singles) = literals(&grammar, rule);
        assert!(ranges.is_empty(), "{rule} has ranges");
        singles
    };
    let spaces_and_ends = vec![' ', '\t', '\u{3000}', '\n', '\r', '#'];
    let digits = ('0'..='9').chain('０'..='９');
    let conj = firsts("conj_strong");
    let trailer = firsts("trailer");
    let mut subject_stops = spaces_and_ends.clone();
    subject_stops.extend(
        firsts("core_head")
            .into_iter()
            .chain(digits)
            .chain(conj.clone()),
    );
    let mut context_stops = spaces_and_ends.clone();
    context_stops.extend(conj.into_iter().chain(trailer));
    for (fast, stops) in [
        ("free_plain", spaces_and_ends),
        ("subject_plain", subject_stops),
        ("context_plain", context_stops),
    ] {
        let (ranges, singles) = literals(&grammar, fast);
        assert!(!ranges.is_empty(), "{fast}");
        for stop in stops {
            let inside = ranges
                .iter()
                .any(|(low, high)| (*low..=*high).contains(&stop));
            assert!(
                !inside && !singles.contains(&stop),
                "{fast} reads {stop:?} ({:04X}), where its loop must stop",
                stop as u32
            );
        }
    }
}

/// The character ranges and the first characters of the string literals in one rule's body.
fn literals(grammar: &str, rule: &str) -> (Vec<(char, char)>, Vec<char>) {
    let start = grammar
        .find(&format!("\n{rule} "))
        .unwrap_or_else(|| panic!("no rule {rule}"));
    let open = start + grammar[start..].find('{').unwrap() + 1;
    // The closing brace ends its line; a `}` inside a `\u{…}` escape does not.
    let body = &grammar[open..open + grammar[open..].find("}\n").unwrap()];
    let (mut ranges, mut singles) = (Vec::new(), Vec::new());
    let mut rest = body;
    while let Some(at) = rest.find(['\'', '"']) {
        let quote = rest[at..].chars().next().unwrap();
        let (text, after) = quoted(&rest[at + 1..], quote);
        rest = after;
        let first = text.chars().next().unwrap();
        if quote == '\'' && rest.trim_start().starts_with("..") {
            let next = rest.find('\'').unwrap();
            let (high, after) = quoted(&rest[next + 1..], '\'');
            ranges.push((first, high.chars().next().unwrap()));
            rest = after;
        } else {
            singles.push(first);
        }
    }
    (ranges, singles)
}

/// The text of a literal up to its closing `quote`, with `\u{…}` escapes decoded, and the rest.
fn quoted(text: &str, quote: char) -> (String, &str) {
    let end = text.find(quote).unwrap();
    let raw = &text[..end];
    let decoded = match raw.strip_prefix("\\u{") {
        Some(hex) => {
            let code = u32::from_str_radix(hex.trim_end_matches('}'), 16).unwrap();
            char::from_u32(code).unwrap().to_string()
        }
        None => raw.to_owned(),
    };
    (decoded, &text[end + 1..])
}

/// Two files of one folder never use each other: one of them holds what both need (a cycle of
/// two is a module that was cut in the wrong place).
#[test]
fn no_two_sibling_files_use_each_other() {
    use std::collections::BTreeSet;
    let src = Path::new(ROOT).join("src");
    let mut edges = BTreeSet::new();
    for path in rust_files(&src) {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if stem == "mod" || stem == "lib" || stem == "main" {
            continue;
        }
        let dir = path.parent().unwrap();
        let module_path = dir
            .strip_prefix(&src)
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("::");
        let text = std::fs::read_to_string(&path).unwrap();
        let prefixes = ["super::".to_owned(), format!("crate::{module_path}::")];
        for prefix in prefixes.iter().filter(|p| p.as_str() != "crate::::") {
            for used in text.split(prefix.as_str()).skip(1) {
                let name: String = used
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let sibling = dir.join(format!("{name}.rs")).exists() || dir.join(&name).is_dir();
                if sibling && name != stem {
                    edges.insert((dir.join(stem), dir.join(name)));
                }
            }
        }
    }
    let cycles: Vec<String> = edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .map(|(a, b)| format!("{} <-> {}", a.display(), b.display()))
        .collect();
    assert!(cycles.is_empty(), "{}", cycles.join("\n"));
}
