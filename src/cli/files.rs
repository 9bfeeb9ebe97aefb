//! All filesystem access: finding spec files, reading them within limits, appending to a CI
//! summary.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use crate::syntax::MAX_FILE_BYTES;

/// How deep folders are walked; deeper ones are skipped (and symlink loops cannot hang us).
const MAX_DEPTH: usize = 32;

/// Every `*.jx` file under the given paths, sorted; a file named directly is taken as it is.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if meta.is_dir() {
            walk(path, 0, &mut found).map_err(|e| format!("{}: {e}", path.display()))?;
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, depth + 1, found)?;
        } else if path.extension().is_some_and(|e| e == "jx") {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads a spec. Too large or not UTF-8 are findings, not failures; only I/O errors fail.
pub fn read(path: &Path) -> Result<(SourceFile, Option<Diagnostic>), String> {
    let name = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{name}: {e}"))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        let detail = format!("文件有 {size} 字节，超过上限 {MAX_FILE_BYTES} 字节");
        let diagnostic = Diagnostic::new(Code::InputLimit, Span::new(0, 0)).arg("detail", detail);
        return Ok((SourceFile::new(name, ""), Some(diagnostic)));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((SourceFile::new(name, text), None)),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let diagnostic = Diagnostic::new(Code::InputLimit, Span::new(at, at))
                .arg("detail", "文件不是 UTF-8 编码（请另存为 UTF-8）");
            Ok((SourceFile::new(name, text), Some(diagnostic)))
        }
    }
}

/// Appends text to a file, creating it if needed (a CI job summary may hold other steps' output).
pub fn append(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// Replaces a file's contents atomically: a temporary file in the same folder, then a rename,
/// so a reader (or a crash) never sees half a file. The file's permissions are kept.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "spec".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.jixiao-tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
