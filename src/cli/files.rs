//! All filesystem access: finding spec files, reading them within limits, appending to a CI
//! summary.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use crate::syntax::MAX_FILE_BYTES;

/// How deep folders are walked; deeper ones are skipped (and symlink loops cannot hang us).
const MAX_DEPTH: usize = 32;

/// The spec files a command works on: those under `paths`, or under the working folder when
/// none is given; finding none is a failure.
pub fn discover_specs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    discover_with(paths, is_spec, "没有找到 *.jx 规格文件")
}

/// What `jixiao check` reads: specs and tables (workbooks, Word documents, web pages), found
/// the same way. A PDF or a text file (CSV, pasted or extracted text, Markdown) is read when
/// named, not found in a folder: a PDF is often the published original beside its workbook
/// and needs poppler, and a folder's text files are mostly not tables (its README).
pub fn discover_checkable(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    discover_with(
        paths,
        |p| is_spec(p) || (is_table(p) && !named_only(p)),
        "没有找到 *.jx 规格文件或 .xlsx/.xls/.ods/.docx/.html 表格",
    )
}

/// The tables read only when named.
fn named_only(path: &Path) -> bool {
    extension(path).is_some_and(|e| matches!(e.as_str(), "pdf" | "csv" | "tsv" | "txt" | "md"))
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

fn discover_with(
    paths: &[PathBuf],
    wanted: fn(&Path) -> bool,
    none: &str,
) -> Result<Vec<PathBuf>, String> {
    let found = if paths.is_empty() {
        discover(&[PathBuf::from(".")], wanted)?
    } else {
        discover(paths, wanted)?
    };
    if found.is_empty() {
        return Err(none.to_owned());
    }
    Ok(found)
}

fn is_spec(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jx")
}

/// A workbook, document or text table `jixiao check` imports in memory (a PDF or text file
/// only when named).
pub fn is_table(path: &Path) -> bool {
    extension(path).is_some_and(|e| {
        matches!(
            e.as_str(),
            "xlsx" | "xlsm" | "xls" | "ods" | "docx" | "docm" | "doc" | "html" | "htm" | "pdf"
        )
    }) || named_only(path)
}

/// Every wanted file under the given paths, sorted; a file named directly is taken as it is.
pub fn discover(paths: &[PathBuf], wanted: fn(&Path) -> bool) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if meta.is_dir() {
            walk(path, 0, wanted, &mut found).map_err(|e| format!("{}: {e}", path.display()))?;
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn walk(
    dir: &Path,
    depth: usize,
    wanted: fn(&Path) -> bool,
    found: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, depth + 1, wanted, found)?;
        } else if wanted(&path) {
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

/// A path as users should read it: relative to the working folder when it lies inside it.
pub fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// The nearest file of this name in `dir` or a folder above it.
pub fn find_upwards(dir: &Path, name: &str) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(name))
        .find(|candidate| candidate.is_file())
}

/// Reads a small UTF-8 file (a config, a baseline), refusing one larger than `limit` bytes.
pub fn read_limited(path: &Path, limit: usize) -> Result<String, String> {
    let bytes = read_bytes(path, limit as u64)?;
    String::from_utf8(bytes).map_err(|_| format!("{}: 不是 UTF-8 编码", path.display()))
}

/// Reads one spec a command needs whole: too large or not UTF-8 is a failure here, with the
/// finding's message, since nothing useful can be done with half a spec.
pub fn read_spec(path: &Path) -> Result<SourceFile, String> {
    let (source, refused) = read(path)?;
    match refused {
        Some(diagnostic) => Err(format!("{}: {}", source.name, diagnostic.message())),
        None => Ok(source),
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

/// Reads a whole file as bytes, refusing one larger than `limit` (an import source).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let name = path.display();
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{name}: {e}"))?
        .len();
    if size > limit {
        return Err(format!("{name}: 文件有 {size} 字节，超过上限 {limit} 字节"));
    }
    std::fs::read(path).map_err(|e| format!("{name}: {e}"))
}

/// Writes a file atomically: a temporary file in the same folder, then a rename, so a reader
/// never sees half a file and a failed write leaves the old one in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut file = AtomicFile::create(path)?;
    file.write(bytes)?;
    file.commit()
}

/// A file written in pieces to a temporary beside its destination and renamed over it at the
/// end, so a reader never sees half of it; dropped without `commit`, the temporary goes.
pub struct AtomicFile {
    path: PathBuf,
    temp: PathBuf,
    file: Option<std::fs::File>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<AtomicFile, String> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| format!("{}: 不是文件路径", path.display()))?;
        let temp = dir.join(format!(".{file_name}.jixiao-{}.tmp", std::process::id()));
        let file = std::fs::File::create(&temp).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp,
            file: Some(file),
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        use std::io::Write;
        let result = match self.file.as_mut() {
            Some(file) => file.write_all(bytes),
            None => Err(std::io::Error::other("已关闭")),
        };
        result.map_err(|e| self.failed(e))
    }

    /// Flushes the temporary to disk and renames it over the destination.
    pub fn commit(mut self) -> Result<(), String> {
        let file = self.file.take().ok_or_else(|| self.failed("已关闭"))?;
        file.sync_all().map_err(|e| self.failed(e))?;
        drop(file);
        std::fs::rename(&self.temp, &self.path).map_err(|e| self.failed(e))
    }

    fn failed(&self, error: impl std::fmt::Display) -> String {
        format!("{}: {error}", self.path.display())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// True when both paths name one existing file (so an import never overwrites its source).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
