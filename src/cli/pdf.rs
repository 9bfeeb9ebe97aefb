//! The text layer of a PDF, read by poppler's `pdftotext -layout`.
//!
//! Why poppler and not a Rust PDF crate: published 绩效目标表 PDFs are mostly printed from Excel
//! or WPS with CJK fonts whose text is only recoverable through their ToUnicode maps and CID
//! encodings; poppler handles those (and keeps table columns apart with `-layout`), while the
//! pure-Rust extractors tried on such files drop or scramble CJK text. It is also one external
//! program, installed everywhere as `poppler-utils`, instead of a large dependency tree.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::diagnostic::Diagnostic;
use crate::syntax::MAX_FILE_BYTES;

/// Reads the PDF's text, at most [`MAX_FILE_BYTES`] of it, laid out in columns (`-layout`) or
/// as the text flows; pages are separated by line breaks.
pub fn text(path: &Path, layout: bool) -> Result<String, Box<Diagnostic>> {
    let unreadable = |detail: String| Box::new(crate::import::pdf_unreadable(&detail));
    // A name starting with `-` would read as an option.
    let shown = if path.to_string_lossy().starts_with('-') {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    };
    let mut child = Command::new("pdftotext")
        .args(layout.then_some("-layout"))
        .args(["-enc", "UTF-8"])
        .arg(&shown)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => unreadable(
                "读取 PDF 需要 poppler 的 pdftotext 程序，本机没有安装（软件包 poppler-utils）"
                    .to_owned(),
            ),
            _ => unreadable(format!("无法运行 pdftotext：{e}")),
        })?;
    // Errors are read on their own thread so a chatty pdftotext cannot block on a full pipe.
    let errors = child.stderr.take().map(|mut stderr| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = (&mut stderr).take(4096).read_to_string(&mut text);
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            text
        })
    });
    let mut out = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        let _ = stdout.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut out);
    }
    let too_long = out.len() > MAX_FILE_BYTES;
    if too_long {
        let _ = child.kill();
    }
    let status = child.wait();
    let errors = errors
        .and_then(|handle| handle.join().ok())
        .unwrap_or_default();
    if too_long {
        return Err(unreadable(format!(
            "PDF 的文字超过 {} MiB 的上限，未读取",
            MAX_FILE_BYTES >> 20
        )));
    }
    let text = String::from_utf8_lossy(&out).replace('\u{c}', "\n");
    match status {
        Ok(status) if status.success() || !text.trim().is_empty() => Ok(text),
        _ => {
            let first = errors.lines().next().unwrap_or("没有输出");
            Err(unreadable(format!(
                "pdftotext 无法读取这个 PDF（损坏或设置了密码）：{first}"
            )))
        }
    }
}
