//! The command line: argument parsing, dispatch, and the one place that maps outcomes to exit codes.
//! The only floor that touches the filesystem, the environment or the process exit status.

mod check;
mod explain;
mod files;
mod fmt;
mod lsp;
mod model;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// jixiao（绩效）：绩效目标的语言与检查器
#[derive(Parser, Debug)]
#[command(name = "jixiao", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 检查规格文件：语法、指标值是否可衡量、金额是否平衡
    Check {
        /// 文件或文件夹（递归查找 *.jx）；默认当前文件夹
        paths: Vec<PathBuf>,
        /// 输出格式；默认 human，在 GitHub Actions 中（GITHUB_ACTIONS=true）默认 github
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// 有此级别或更严重的问题时以 1 退出
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// 发现问题也以 0 退出（用法或读写错误仍以 2 退出）
        #[arg(long)]
        exit_zero: bool,
        /// 何时使用颜色
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// 解释一条规则；不给代码时列出全部规则
    Explain {
        /// 规则代码或名称，如 JX0101 或 vague-target
        code: Option<String>,
    },
    /// 按统一格式重写规格文件：对齐各列、规范比较符，注释原样保留
    Fmt {
        /// 文件或文件夹（递归查找 *.jx）；默认当前文件夹
        paths: Vec<PathBuf>,
        /// 只检查不写入：有未格式化的文件时打印差异并以 1 退出
        #[arg(long)]
        check: bool,
        /// 有语法错误也格式化（读不懂的行原样保留）
        #[arg(long)]
        force: bool,
    },
    /// 启动语言服务器（LSP，经标准输入输出通信），供编辑器使用
    Lsp,
    /// 输出规格文件编译后的规范化模型（JSON）
    Model {
        /// 一个规格文件
        path: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 带源码片段的完整报告
    Human,
    /// 每条问题一行
    Concise,
    /// JSON 数组（字段见 README）
    Json,
    /// SARIF 2.1.0（代码扫描）
    Sarif,
    /// GitHub Actions 注释命令
    Github,
    /// JUnit XML（CI 测试报告）
    Junit,
}

/// The least severe finding that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// 只有错误使检查失败
    Error,
    /// 警告也使检查失败
    Warning,
}

/// How `check` renders and when it fails, resolved from the arguments and the environment.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub format: Format,
    pub color: bool,
    pub fail_on: FailOn,
    pub exit_zero: bool,
    /// `$GITHUB_STEP_SUMMARY`, written to only with the `github` format.
    pub step_summary: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// How a command ended, before it becomes an exit code.
pub enum Outcome {
    /// Nothing at or above the failing level.
    Clean,
    /// Findings that fail the run.
    Findings,
    /// Usage, configuration or I/O failure: the message to print.
    Failure(String),
}

impl Outcome {
    fn exit_code(&self) -> ExitCode {
        match self {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
            Outcome::Failure(_) => ExitCode::from(2),
        }
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let outcome = run(cli);
    if let Outcome::Failure(message) = &outcome {
        let _ = writeln!(std::io::stderr(), "jixiao: {message}");
    }
    outcome.exit_code()
}

fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Check {
            paths,
            format,
            color,
            fail_on,
            exit_zero,
        } => {
            let format = format.unwrap_or_else(|| {
                if std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
                    Format::Github
                } else {
                    Format::Human
                }
            });
            let step_summary = std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|path| !path.is_empty() && format == Format::Github)
                .map(PathBuf::from);
            let color = match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            check::run(
                &paths,
                &CheckOptions {
                    format,
                    color,
                    fail_on,
                    exit_zero,
                    step_summary,
                },
            )
        }
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Model { path } => model::run(&path),
        Command::Fmt {
            paths,
            check,
            force,
        } => fmt::run(&paths, fmt::FmtOptions { check, force }),
        Command::Lsp => lsp::run(),
    }
}

/// Writes to stdout; a closed pipe is not an error worth a panic.
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
