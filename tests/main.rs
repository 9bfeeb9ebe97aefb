//! The integration tests: one binary (one link on a 2-core machine), one module per concern.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod annotate;
mod cli;
mod common;
mod config;
mod corpus;
mod documents;
mod eval;
mod format;
mod formats;
mod import;
mod labels;
mod lsp;
mod monitor;
mod prose;
mod robustness;
mod rules;
mod seed_targets;
mod specs;
mod tidy;
