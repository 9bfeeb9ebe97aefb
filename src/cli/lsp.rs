//! `jixiao lsp`: the language server over stdin and stdout.

use super::Outcome;

pub fn run() -> Outcome {
    match crate::lsp::serve_stdio() {
        Ok(true) => Outcome::Clean,
        // The protocol's exit status for a client that left without `shutdown`.
        Ok(false) => Outcome::Findings,
        Err(message) => Outcome::Failure(message),
    }
}
