//! `jixiao lsp`: the language server over stdin and stdout.

use std::path::PathBuf;
use std::sync::Arc;

use super::Outcome;
use super::config::{Resolver, Source};
use crate::config::Settings;

pub fn run() -> Outcome {
    // Read afresh for every check, so an edited jixiao.toml applies at the next keystroke; a
    // broken one leaves the defaults (`jixiao check` shows its errors).
    let settings_for = Arc::new(|uri: &lsp_types::Uri| {
        file_path(uri.as_str())
            .and_then(|path| Resolver::new(Source::Nearest).for_spec(&path).ok())
            .map_or_else(Settings::default, |loaded| loaded.settings.clone())
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
