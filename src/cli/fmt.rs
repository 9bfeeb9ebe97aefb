//! `jixiao fmt`: rewrite spec files in the canonical layout, or with `--check` show the diff.

use std::path::{Path, PathBuf};

use similar::TextDiff;

use super::{Outcome, files, print};
use crate::format::{self, Options};
use crate::report::concise;
use crate::source::SourceFile;
use crate::{Checked, model::Spec};

/// What `fmt` does with each file.
#[derive(Clone, Copy, Debug)]
pub struct FmtOptions {
    /// Only report files that are not formatted (with a diff); write nothing.
    pub check: bool,
    pub force: bool,
}

pub fn run(paths: &[PathBuf], options: FmtOptions) -> Outcome {
    let found = match files::discover_specs(paths) {
        Ok(found) => found,
        Err(message) => return Outcome::Failure(message),
    };
    let (mut changed, mut refused) = (0, 0);
    for path in &found {
        match one(path, options) {
            Ok(true) => changed += 1,
            Ok(false) => {}
            Err(Some(message)) => return Outcome::Failure(message),
            Err(None) => refused += 1,
        }
    }
    let verb = if options.check {
        "未格式化"
    } else {
        "已格式化"
    };
    eprintln_summary(&format!(
        "{verb} {changed} 个文件（共 {} 个）{}",
        found.len(),
        if refused > 0 {
            format!("；{refused} 个文件有语法错误，未处理（--force 可强制格式化）")
        } else {
            String::new()
        }
    ));
    if refused > 0 || (options.check && changed > 0) {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// Formats one file: `Ok(true)` when it changed (or would), `Err(None)` when it was refused
/// for its syntax errors (reported), `Err(Some(_))` on an I/O failure.
fn one(path: &Path, options: FmtOptions) -> Result<bool, Option<String>> {
    let (source, refused) = files::read(path).map_err(Some)?;
    if let Some(diagnostic) = refused {
        report(source, vec![diagnostic]);
        return Err(None);
    }
    let formatted = match format::format_with(
        &source.text,
        Options {
            force: options.force,
        },
    ) {
        Ok(formatted) => formatted,
        Err(diagnostics) => {
            report(source, diagnostics);
            return Err(None);
        }
    };
    if formatted == source.text {
        return Ok(false);
    }
    if options.check {
        let name = source.name.as_str();
        let diff = TextDiff::from_lines(&source.text, &formatted)
            .unified_diff()
            .header(name, name)
            .to_string();
        print(&diff);
    } else {
        files::write_atomic(path, formatted.as_bytes())
            .map_err(|error| Some(format!("{}: {error}", path.display())))?;
    }
    Ok(true)
}

/// The diagnostics that stopped a file, one line each, on stderr.
fn report(source: SourceFile, diagnostics: Vec<crate::diagnostic::Diagnostic>) {
    let checked = Checked {
        source,
        spec: Spec::default(),
        diagnostics,
    };
    let text = concise::render(std::slice::from_ref(&checked));
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with("检查了"))
        .map(|l| format!("{l}\n"))
        .collect();
    eprintln_summary(body.trim_end());
}

fn eprintln_summary(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}
