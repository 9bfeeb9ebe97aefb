//! `jixiao lsp`: the language server over stdin and stdout.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config::validate;
use super::{Outcome, files};
use crate::config::{FILE_NAME, Settings};
use crate::lsp::Governed;

pub fn run() -> Outcome {
    // Read afresh for every check, so an edited jixiao.toml applies at the next keystroke; a
    // broken one leaves the defaults, and the editor shows its problems on the file.
    let settings_for = Arc::new(|uri: &lsp_types::Uri| {
        let Some(path) = file_path(uri.as_str()) else {
            return Governed::default();
        };
        let path = std::path::absolute(&path).unwrap_or(path);
        let dir = path.parent().unwrap_or(Path::new(""));
        let Some(config) = files::find_upwards(dir, FILE_NAME) else {
            return Governed::default();
        };
        let config_uri = file_uri(&config);
        match validate(&config) {
            Ok(loaded) => Governed {
                settings: loaded.settings,
                config: config_uri,
                broken: None,
            },
            Err(broken) => Governed {
                settings: Settings::default(),
                config: config_uri,
                broken: Some((broken.source, broken.problems)),
            },
        }
    });
    match crate::lsp::serve_stdio(settings_for) {
        Ok(true) => Outcome::Clean,
        // The protocol's exit status for a client that left without `shutdown`.
        Ok(false) => Outcome::Findings,
        Err(message) => Outcome::Failure(message),
    }
}

/// The local path of a `file://` URI (percent-escapes decoded); other schemes have none.
fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| rest.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).ok().map(PathBuf::from)
}

/// The `file://` URI of a local path, bytes other than letters, digits and `-._~/` escaped.
fn file_uri(path: &Path) -> Option<lsp_types::Uri> {
    let mut uri = String::from("file://");
    for &byte in path.to_str()?.as_bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char);
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.parse().ok()
}
