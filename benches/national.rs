//! A country's year of targets on one machine: `jixiao check` (the release binary, every core)
//! over tens of thousands of generated files, with its time, indicators per CPU-second and
//! peak memory.
//!
//! The indicator lines come from the real-table corpus (`tests/corpus/tables/*/table.xlsx`, read
//! by the importer as `jixiao import` reads them): every generated indicator is one of those lines
//! with a distinct name (a number in front) and its numbers redrawn with as many digits (a
//! percentage stays at most 100), grouped into projects of 5–8 with a 预算 line, 40 projects to a
//! budget unit, 500 indicators to a file. Files are written under `target/national/` and kept
//! for the next run of the same size.
//!
//!     cargo bench --bench national                       # ten million indicators
//!     JIXIAO_BENCH_INDICATORS=1000000 cargo bench --bench national
//!
//! CPU time and peak memory are the child's own, read from `/proc` (Linux; clock ticks of 1/100 s).

#[path = "support/child.rs"]
mod child;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use child::fail;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const PER_FILE: usize = 500;
const PROJECTS_PER_AGENCY: usize = 40;

fn main() {
    let total: usize = std::env::var("JIXIAO_BENCH_INDICATORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    let patterns = corpus_lines();
    if patterns.is_empty() {
        eprintln!("no indicator lines in tests/corpus/tables");
        std::process::exit(1);
    }
    let dir = Path::new(ROOT).join(format!("target/national/{total}"));
    let start = Instant::now();
    let (files, bytes) = generate(&dir, &patterns, total);
    println!(
        "corpus: {total} indicators in {files} files, {:.1} MB, from {} real indicator lines ({:.1} s to write)",
        bytes as f64 / 1e6,
        patterns.len(),
        start.elapsed().as_secs_f64()
    );
    let run = child::measure(&[
        "check".as_ref(),
        "--format".as_ref(),
        "concise".as_ref(),
        "--exit-zero".as_ref(),
        dir.as_os_str(),
    ]);
    println!(
        "jixiao check --format concise: {:.1} s wall, {:.1} CPU-s, peak {:.0} MiB, exit {}",
        run.wall.as_secs_f64(),
        run.cpu_seconds,
        run.peak_kib as f64 / 1024.0,
        run.exit
    );
    println!(
        "throughput: {:.0} indicators per CPU-second, {:.0} per second of wall time ({} threads)",
        total as f64 / run.cpu_seconds,
        total as f64 / run.wall.as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
}

/// Every indicator line of the corpus tables as the importer writes it (category, name, target).
fn corpus_lines() -> Vec<(String, String, String)> {
    let mut lines = Vec::new();
    let tables = Path::new(ROOT).join("tests/corpus/tables");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(tables)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs {
        let Ok(bytes) = std::fs::read(dir.join("table.xlsx")) else {
            continue;
        };
        let Ok(sheets) = jixiao::import::sheet::from_workbook(&bytes) else {
            continue;
        };
        let imported = jixiao::import::sheet(&sheets, &jixiao::import::Columns::default(), "表");
        for (_, indicator) in imported.model.indicators() {
            let target = indicator.target.text.trim();
            let name: String = indicator.name.split_whitespace().collect();
            if !target.is_empty() && !name.is_empty() && !name.contains(['"', '「', '“']) {
                lines.push((indicator.category.label(), name, target.to_owned()));
            }
        }
    }
    lines
}

/// Writes the files (unless a complete set of this size is there); their count and bytes.
fn generate(dir: &Path, patterns: &[(String, String, String)], total: usize) -> (usize, u64) {
    let files = total.div_ceil(PER_FILE);
    let done = dir.join("complete");
    if done.exists() {
        let bytes = std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        return (files, bytes);
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    let mut random = Xorshift(0x9E37_79B9_7F4A_7C15);
    let (mut written, mut bytes) = (0, 0u64);
    for file in 0..files {
        let count = PER_FILE.min(total - written);
        let text = file_text(file, count, written, patterns, &mut random);
        bytes += text.len() as u64;
        written += count;
        let path = dir.join(format!("{:03}/{file:06}.jx", file / 1000));
        let _ = std::fs::create_dir_all(path.parent().unwrap_or(dir));
        std::fs::write(&path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    }
    let _ = std::fs::write(done, "");
    (files, bytes)
}

/// One department's file: budget units of projects of 5–8 indicators, every 预算 adding up.
fn file_text(
    file: usize,
    count: usize,
    first: usize,
    patterns: &[(String, String, String)],
    random: &mut Xorshift,
) -> String {
    let mut units = String::new();
    let (mut number, mut department_cents) = (first, 0u64);
    let mut unit = 0;
    while number < first + count {
        let (mut projects, mut unit_cents) = (String::new(), 0u64);
        for p in 0..PROJECTS_PER_AGENCY {
            if number >= first + count {
                break;
            }
            let cents = 1_000 + random.next() % 500_000;
            unit_cents += cents;
            let amount = format!("{}.{:02}", cents / 100, cents % 100);
            let _ = writeln!(
                projects,
                "    项目 \"项目{unit}-{p}\" {{\n      预算 总计 {amount} 财政拨款 {amount}"
            );
            let start = random.next() as usize % patterns.len();
            let size = (5 + random.next() as usize % 4).min(first + count - number);
            for k in 0..size {
                let (category, name, target) = &patterns[(start + k) % patterns.len()];
                let target = redrawn(target, random);
                let _ = writeln!(projects, "      {category} {number}{name} {target}");
                number += 1;
            }
            projects.push_str("    }\n");
        }
        department_cents += unit_cents;
        let amount = format!("{}.{:02}", unit_cents / 100, unit_cents % 100);
        let _ = writeln!(
            units,
            "  预算单位 \"单位{file}-{unit}\" {{\n    预算 总计 {amount} 财政拨款 {amount}"
        );
        units.push_str(&projects);
        units.push_str("  }\n");
        unit += 1;
    }
    let amount = format!("{}.{:02}", department_cents / 100, department_cents % 100);
    format!("部门 \"部门{file}\" 2025 {{\n  预算 总计 {amount} 财政拨款 {amount}\n{units}}}\n")
}

/// The target with each run of digits redrawn with as many digits (no leading zero), and a
/// number before `%` kept at most 100.
fn redrawn(target: &str, random: &mut Xorshift) -> String {
    let chars: Vec<char> = target.chars().collect();
    let mut out = String::with_capacity(target.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !chars[j].is_ascii_digit())
            .unwrap_or(chars.len());
        let digits = end - i;
        let percent = chars.get(end) == Some(&'%') && !(i > 0 && chars[i - 1] == '.');
        let value = if percent {
            50 + random.next() % 51
        } else {
            let low = 10u64.pow(digits.saturating_sub(1).min(18) as u32);
            let low = if digits == 1 { 1 } else { low };
            low + random.next() % (low * 9).max(1)
        };
        out.push_str(&value.to_string());
        i = end;
    }
    out
}

struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
