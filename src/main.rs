//! The `jixiao` binary: everything lives in the library's `cli` floor.

fn main() -> std::process::ExitCode {
    jixiao::cli::main()
}
