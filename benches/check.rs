//! Throughput of `jixiao::check_source` (parse + compile + lint), in indicators per second.
//!
//! Builds one large spec, deterministically, from the indicator lines of
//! `specs/2023/gz-cac-2023.jx`: one department, many budget units, projects of 5–7 indicators
//! and 预算 lines that add up. Times the full check and each stage (`syntax::parse`,
//! `model::compile`, `check::check`) on one thread: 1 warm-up and 5 measured runs, median shown.
//! One more line times pest alone on the same grammar (the file read at `Rule::spec`, every pair
//! visited, no tree built): the floor under any pipeline that reads every line with pest.
//!
//! A second group (`cargo bench --bench check -- edit`, run alone when named) times what the
//! language server does after a keystroke in a 5,000-indicator document with one character
//! changed: the full re-check, and the incremental one the server runs (`check_source_incremental`
//! with the line cache warm from the text before the edit). Median of 11 edits each.
//!
//! Run with `cargo bench --bench check`.

use std::hint::black_box;
use std::time::Instant;

use jixiao::source::SourceFile;
use pest::Parser as _;

/// The grammar as `src/syntax/grammar.rs` derives it, for the pest-only line.
#[derive(pest_derive::Parser)]
#[grammar = "grammar/value.pest"]
#[grammar = "grammar/spec.pest"]
struct Grammar;

/// Pest's recognizer alone: the spec read at `Rule::spec`, every pair visited.
fn pest_only(text: &str) -> usize {
    match Grammar::parse(Rule::spec, text) {
        Ok(pairs) => pairs.flatten().count(),
        Err(_) => 0,
    }
}

/// The least a pest grammar can do with a spec: split each line into words at spaces.
mod words {
    #[derive(pest_derive::Parser)]
    #[grammar_inline = r#"
file  = ${ SOI ~ line ~ ("\n" ~ line)* ~ EOI }
line  = ${ " "* ~ (word ~ " "*)* }
word  = @{ ('!'..'\u{10FFFF}')+ }
"#]
    pub struct Words;
}

fn pest_words(text: &str) -> usize {
    match words::Words::parse(words::Rule::file, text) {
        Ok(pairs) => pairs.flatten().count(),
        Err(_) => 0,
    }
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/specs/2023/gz-cac-2023.jx");
/// Indicators to generate at least; the corpus must stay under `syntax::MAX_FILE_BYTES`.
const TARGET: usize = 110_000;
const PROJECTS_PER_AGENCY: usize = 40;
const RUNS: usize = 6;

/// Seed indicator lines as (category, name, target); the target is kept verbatim.
fn seed_lines(text: &str) -> Vec<(&str, &str, &str)> {
    const NOT_INDICATOR: [&str; 6] = ["部门", "预算单位", "项目", "预算", "目标", "等级"];
    let mut lines = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with(['#', '}']) {
            continue;
        }
        let mut fields = line.splitn(2, char::is_whitespace);
        let (category, rest) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
        let mut fields = rest.trim_start().splitn(2, char::is_whitespace);
        let (name, target) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
        if !NOT_INDICATOR.contains(&category) && !target.trim().is_empty() {
            lines.push((category, name, target.trim()));
        }
    }
    lines
}

/// Indicators in the document the editor benchmark edits.
const EDITED: usize = 5_000;
const EDITS: usize = 11;

/// The corpus text and the number of indicators in it (at least `target`).
fn corpus(seed: &[(&str, &str, &str)], target: usize) -> (String, usize) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut agencies, mut dept_cents, mut count) = (String::new(), 0u64, 0);
    let mut unit = 0;
    while count < target {
        let (mut projects, mut unit_cents) = (String::new(), 0u64);
        for p in 0..PROJECTS_PER_AGENCY {
            let cents = 1_000 + next() % 500_000;
            unit_cents += cents;
            let amount = format!("{}.{:02}", cents / 100, cents % 100);
            projects +=
                &format!("项目 \"项目{unit}-{p}\" {{\n预算 总计 {amount} 财政拨款 {amount}\n");
            let start = next() as usize % seed.len();
            for k in 0..5 + next() as usize % 3 {
                let (category, name, target) = seed[(start + k) % seed.len()];
                // The number goes in front: lints read name endings (率, 度, 满意度, units).
                projects += &format!("{category} {count}{name} {target}\n");
                count += 1;
            }
            projects += "}\n";
        }
        let amount = format!("{}.{:02}", unit_cents / 100, unit_cents % 100);
        agencies += &format!("预算单位 \"单位{unit}\" {{\n预算 总计 {amount} 财政拨款 {amount}\n");
        agencies += &projects;
        agencies += "}\n";
        dept_cents += unit_cents;
        unit += 1;
    }
    let amount = format!("{}.{:02}", dept_cents / 100, dept_cents % 100);
    let head = format!("部门 \"基准部门\" 2023 {{\n预算 合计 {amount} 财政拨款 {amount}\n");
    (head + &agencies + "}\n", count)
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let seed_text = std::fs::read_to_string(SEED).unwrap_or_else(|error| {
        eprintln!("cannot read {SEED}: {error}");
        std::process::exit(1)
    });
    let seed = seed_lines(&seed_text);
    if seed.is_empty() {
        eprintln!("no indicator lines in {SEED}");
        std::process::exit(1);
    }
    if std::env::args().any(|a| a == "edit") {
        edit(&seed);
        return;
    }
    let (text, generated) = corpus(&seed, TARGET);
    let lines = text.lines().count();
    let (mut full, mut parse, mut compile, mut lint) = (vec![], vec![], vec![], vec![]);
    let (mut recognize, mut split) = (vec![], vec![]);
    for run in 0..RUNS {
        let input = text.clone();
        let start = Instant::now();
        let checked = black_box(jixiao::check_source(SourceFile::new("bench.jx", input)));
        let elapsed = start.elapsed().as_secs_f64();
        let found = checked.spec.indicators().count();
        if found != generated {
            eprintln!("check found {found} indicators, {generated} were generated");
            let shown = checked.diagnostics.len().min(3);
            eprintln!("first diagnostics: {:?}", &checked.diagnostics[..shown]);
            std::process::exit(1);
        }
        let start = Instant::now();
        let parsed = black_box(jixiao::syntax::parse(&text));
        let parsed_at = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let (spec, _) = black_box(jixiao::model::compile(&parsed.ast));
        let compiled_at = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let diagnostics = black_box(jixiao::check::check(&spec));
        let linted_at = start.elapsed().as_secs_f64();
        let start = Instant::now();
        black_box(pest_only(&text));
        let recognized_at = start.elapsed().as_secs_f64();
        let start = Instant::now();
        black_box(pest_words(&text));
        let split_at = start.elapsed().as_secs_f64();
        if run == 0 {
            let total = checked.diagnostics.len();
            println!(
                "warm-up: {total} diagnostics ({} from lints)",
                diagnostics.len()
            );
            continue;
        }
        full.push(elapsed);
        parse.push(parsed_at);
        compile.push(compiled_at);
        lint.push(linted_at);
        recognize.push(recognized_at);
        split.push(split_at);
    }
    let total = median(full);
    let (floor, least) = (median(recognize.clone()), median(split.clone()));
    println!(
        "corpus: {} bytes, {lines} lines, {generated} indicators",
        text.len()
    );
    println!(
        "{:<22} {:>10} {:>8}",
        "stage (median of 5)", "seconds", "share"
    );
    for (stage, times) in [
        ("syntax::parse", parse),
        ("model::compile", compile),
        ("check::check", lint),
        ("check_source (total)", vec![total]),
        ("pest alone (floor)", recognize),
        ("pest, words only", split),
    ] {
        let secs = median(times);
        println!("{stage:<22} {secs:>10.4} {:>7.1}%", 100.0 * secs / total);
    }
    let rate = generated as f64 / total;
    println!("throughput: {rate:.0} indicators/s (check_source, single thread)");
    println!(
        "pest alone: {:.0} indicators/s at most, for any pipeline that reads every line with pest",
        generated as f64 / floor
    );
    println!(
        "pest splitting lines into words: {:.0} indicators/s, the least any pest grammar does",
        generated as f64 / least
    );
}

/// Re-check after one edit: the document with one indicator's target changed, every time a
/// different one, checked from scratch and incrementally as the language server's worker does.
fn edit(seed: &[(&str, &str, &str)]) {
    let (text, generated) = corpus(seed, EDITED);
    let lines: Vec<usize> = text
        .match_indices('\n')
        .map(|(at, _)| at)
        .filter(|at| text[..*at].ends_with('%'))
        .collect();
    let (mut full, mut incremental) = (Vec::new(), Vec::new());
    for run in 0..=EDITS {
        let Some(at) = lines.get(run * lines.len() / (EDITS + 1)) else {
            break;
        };
        // `95%` becomes `95.5%`: one keystroke's worth of change, the meaning moves.
        let mut edited = text.clone();
        edited.insert_str(*at - 1, ".5");
        let start = Instant::now();
        let checked = black_box(jixiao::check_source(SourceFile::new(
            "edit.jx",
            edited.clone(),
        )));
        let full_time = start.elapsed().as_secs_f64();
        let mut cache = jixiao::syntax::LineCache::default();
        jixiao::check_source_incremental(
            SourceFile::new("edit.jx", text.clone()),
            &mut cache,
            &Default::default(),
        );
        // The server's worker gives the tree back after publishing, before the next keystroke.
        cache.release();
        let start = Instant::now();
        let again = black_box(jixiao::check_source_incremental(
            SourceFile::new("edit.jx", edited),
            &mut cache,
            &Default::default(),
        ));
        let incremental_time = start.elapsed().as_secs_f64();
        cache.release();
        if checked.spec.indicators().count() != generated
            || again.diagnostics != checked.diagnostics
        {
            eprintln!("the edit broke the document, or the incremental check disagrees");
            std::process::exit(1);
        }
        if run > 0 {
            full.push(full_time);
            incremental.push(incremental_time);
        }
    }
    println!(
        "edit: {generated} indicators, {} bytes; re-check after one edit, median of {}:",
        text.len(),
        full.len()
    );
    println!(
        "  full (check_source)                    {:>7.1} ms",
        1000.0 * median(full)
    );
    println!(
        "  incremental (check_source_incremental) {:>7.1} ms",
        1000.0 * median(incremental)
    );
}
