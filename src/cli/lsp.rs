//! `jixiao lsp`: the language server over stdin and stdout.

use super::Outcome;

pub fn run() -> Outcome {
    match crate::lsp::serve_stdio() {
        Ok(()) => Outcome::Clean,
        Err(message) => Outcome::Failure(message),
    }
}
