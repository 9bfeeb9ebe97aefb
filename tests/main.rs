//! The integration tests: one binary (one link on a 2-core machine), one module per concern.

mod cli;
mod rules;
mod specs;
mod tidy;
