//! Baselines: `--write-baseline FILE` records today's findings, `--baseline FILE` reports only
//! new ones. A finding is known by its file, its place by name (预算单位 / 项目 / 指标) and its
//! rule — never by line number, so edits elsewhere in the file do not make old findings new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::files;
use crate::Checked;
use crate::diagnostic::Diagnostic;

/// The largest baseline file read.
const MAX_BASELINE_BYTES: usize = 32 * 1024 * 1024;

/// The baseline file: a version and counted findings, sorted.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Baseline {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    path: String,
    rule: String,
    count: usize,
}

type Key = (String, String, String);

fn key(checked: &Checked, diagnostic: &Diagnostic) -> Key {
    let file = checked
        .source
        .name
        .trim_start_matches("./")
        .replace('\\', "/");
    let path = checked.spec.path_at(diagnostic.span.start).join(" / ");
    (file, path, diagnostic.rule().name.to_owned())
}

fn counts(results: &[Checked]) -> BTreeMap<Key, usize> {
    let mut counts = BTreeMap::new();
    for checked in results {
        for diagnostic in &checked.diagnostics {
            *counts.entry(key(checked, diagnostic)).or_insert(0) += 1;
        }
    }
    counts
}

/// Writes the findings of this run as a baseline (atomically).
pub fn write(path: &Path, results: &[Checked]) -> Result<(), String> {
    let findings = counts(results)
        .into_iter()
        .map(|((file, path, rule), count)| Entry {
            file,
            path,
            rule,
            count,
        })
        .collect();
    let baseline = Baseline {
        version: 1,
        findings,
    };
    let text = serde_json::to_string_pretty(&baseline).map_err(|e| e.to_string())? + "\n";
    files::write_atomic(path, text.as_bytes())
}

/// The findings a baseline file counts, per (file, place, rule).
pub struct Known(BTreeMap<Key, usize>);

/// Reads a baseline file.
pub fn load(path: &Path) -> Result<Known, String> {
    let text = files::read_limited(path, MAX_BASELINE_BYTES)?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: 基线文件无法读取：{e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if baseline.version != 1 {
        return Err(format!(
            "{}: 不支持的基线版本 {}",
            path.display(),
            baseline.version
        ));
    }
    let mut known: BTreeMap<Key, usize> = BTreeMap::new();
    for entry in baseline.findings {
        *known
            .entry((entry.file, entry.path, entry.rule))
            .or_insert(0) += entry.count;
    }
    Ok(Known(known))
}

/// Drops the findings the baseline already knows, as many of each as it counted; results may
/// come a few files at a time (a file's findings are all in one piece).
pub fn filter(known: &mut Known, results: &mut [Checked]) -> usize {
    let known = &mut known.0;
    let mut dropped = 0;
    for checked in results.iter_mut() {
        let keys: Vec<Key> = checked
            .diagnostics
            .iter()
            .map(|d| key(checked, d))
            .collect();
        let mut keep = keys.into_iter().map(|k| match known.get_mut(&k) {
            Some(left) if *left > 0 => {
                *left -= 1;
                false
            }
            _ => true,
        });
        let before = checked.diagnostics.len();
        checked.diagnostics.retain(|_| keep.next().unwrap_or(true));
        dropped += before - checked.diagnostics.len();
    }
    dropped
}
