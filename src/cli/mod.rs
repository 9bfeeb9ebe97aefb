//! The command line: argument parsing, dispatch, and the one place that maps outcomes to exit codes.
//! The only floor that touches the filesystem, the environment or the process exit status.

mod annotate;
mod baseline;
mod check;
mod config;
mod eval;
mod explain;
mod export;
mod files;
mod fmt;
mod import;
mod lsp;
mod model;
mod monitor;
mod pdf;
mod progress;

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
        /// 只报告基线文件中没有的新问题
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// 把本次的全部问题写入基线文件后以 0 退出
        #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
        write_baseline: Option<PathBuf>,
        /// 把报告写入此文件（先写临时文件再改名），而不是标准输出
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 另存一份加了批注的工作簿：问题作为批注标在所在单元格上，错误、警告着色，并新增「检查结果」工作表（只用于一个 .xlsx 文件，不改动原文件）
        #[arg(long, value_name = "OUT.xlsx")]
        annotate: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// 显示生效的配置（jixiao.toml），或输出配置的 JSON Schema
    Config {
        /// 从此文件或文件夹向上查找 jixiao.toml；默认当前文件夹
        path: Option<PathBuf>,
        /// 显示生效的配置文件和设置（默认行为）
        #[arg(long)]
        show: bool,
        /// 输出 jixiao.toml 的 JSON Schema
        #[arg(long, conflicts_with = "show")]
        schema: bool,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// 按实际完成值评价并计分，核对报告中的得分与比率
    Eval {
        /// 规格文件（*.jx）
        spec: PathBuf,
        /// 实际值文件（.toml、.json、.csv 或 .xlsx）
        #[arg(long)]
        actuals: PathBuf,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = eval::EvalFormat::Human)]
        format: eval::EvalFormat,
        /// 有指标未达成或无法判断也以 0 退出
        #[arg(long)]
        exit_zero: bool,
        /// ≤、< 指标未达成时的反向公式（覆盖规格中的 `计分` 设置）
        #[arg(long, value_enum)]
        reverse: Option<eval::ReverseArg>,
        /// 何时使用颜色
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        /// 把报告写入此文件（先写临时文件再改名），而不是标准输出
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 另存一份加了批注的实际值工作簿（.xlsx）：每个报告得分单元格上批注计算得分，问题标在所在单元格，并新增「检查结果」工作表（不改动原文件）
        #[arg(long, value_name = "OUT.xlsx")]
        annotate: Option<PathBuf>,
    },
    /// 绩效运行监控：按序时进度给每条指标亮灯，核对偏差原因与全年预计
    Monitor {
        /// 规格文件（*.jx）
        spec: PathBuf,
        /// 实际值文件（.toml、.json、.csv 或 .xlsx），含截至监控时点的完成值
        #[arg(long)]
        actuals: PathBuf,
        /// 监控月份（1–12），截至该月月底
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=12), conflicts_with = "as_of", required_unless_present = "as_of")]
        month: Option<u32>,
        /// 监控日期，如 2024-06-30
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = monitor::MonitorFormat::Human)]
        format: monitor::MonitorFormat,
        /// 写入这个文件（经临时文件改名），而不是标准输出
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 有红灯或错误也以 0 退出
        #[arg(long)]
        exit_zero: bool,
        /// 何时使用颜色
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        #[command(flatten)]
        config: ConfigArgs,
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
    /// 把已有的绩效目标表（工作簿、CSV、Word、网页、PDF、文本）导入为规格，并清点导入前后的数目
    Import {
        /// 源文件：按扩展名识别 .xlsx/.xls/.ods、.csv、.docx、.html、.pdf，其余按文本（含 PDF 抽取文本）读取
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 写入的规格文件；不给时输出到标准输出
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 列名映射，如 "指标名=三级指标,目标=指标值"
        #[arg(long)]
        columns: Option<String>,
    },
    /// 把规格导出为模板表格（每行一条指标），可导回预算系统
    Export {
        /// 一个规格文件
        spec: PathBuf,
        /// 导出格式
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// 输出文件；CSV 不给时输出到标准输出
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// The table formats `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// UTF-8 CSV（带 BOM，Excel 可直接打开）
    Csv,
    /// Excel 工作簿
    Xlsx,
}

/// Which configuration applies.
#[derive(clap::Args, Clone, Debug)]
struct ConfigArgs {
    /// 使用这个配置文件，而不是向上查找最近的 jixiao.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// 不读取任何配置文件，使用默认设置
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
}

impl ConfigArgs {
    fn source(self) -> config::Source {
        match (self.config, self.no_config) {
            (_, true) => config::Source::Defaults,
            (Some(file), false) => config::Source::File(file),
            (None, false) => config::Source::Nearest,
        }
    }
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
    /// 自带样式与图表的 HTML 报告（不联网，可打印），用 -o 写入文件
    Html,
    /// 审核意见（Markdown）：按项目分总体目标、产出、效益、满意度、成本和需补充完善事项，并评级
    Review,
    /// 审核意见的 HTML 页面（内容同 review，不联网，可打印），用 -o 写入文件
    ReviewHtml,
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
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    /// Where the report goes instead of standard output.
    pub output: Option<PathBuf>,
    /// Where the annotated copy of the one checked workbook goes.
    pub annotate: Option<PathBuf>,
    /// Which `jixiao.toml` governs each file.
    pub config: config::Source,
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
            baseline,
            write_baseline,
            output,
            annotate,
            config,
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
            let color = use_color(color);
            check::run(
                &paths,
                &CheckOptions {
                    format,
                    color,
                    fail_on,
                    exit_zero,
                    step_summary,
                    baseline,
                    write_baseline,
                    output,
                    annotate,
                    config: config.source(),
                },
            )
        }
        Command::Config {
            path,
            show: _,
            schema,
            config,
        } => self::config::run(path.as_deref(), schema, config.source()),
        Command::Eval {
            spec,
            actuals,
            format,
            exit_zero,
            reverse,
            color,
            output,
            annotate,
        } => eval::run(&eval::EvalArgs {
            spec: &spec,
            actuals: &actuals,
            format,
            exit_zero,
            reverse,
            color: use_color(color) && output.is_none(),
            output: output.as_deref(),
            annotate: annotate.as_deref(),
        }),
        Command::Monitor {
            spec,
            actuals,
            month,
            as_of,
            format,
            output,
            exit_zero,
            color,
            config,
        } => monitor::run(&monitor::MonitorArgs {
            spec: &spec,
            actuals: &actuals,
            month,
            as_of: as_of.as_deref(),
            format,
            exit_zero,
            color: use_color(color) && output.is_none(),
            config: config.source(),
            output: output.as_ref(),
        }),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Model { path } => model::run(&path),
        Command::Import {
            files,
            output,
            columns,
        } => import::run(&files, output.as_deref(), columns.as_deref()),
        Command::Export {
            spec,
            format,
            output,
        } => export::run(&spec, format, output.as_deref()),
        Command::Fmt {
            paths,
            check,
            force,
        } => fmt::run(&paths, fmt::FmtOptions { check, force }),
        Command::Lsp => lsp::run(),
    }
}

fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// A report to its file (whole or not at all) or to stdout.
fn emit(text: &str, output: Option<&std::path::Path>) -> Result<(), String> {
    match output {
        Some(path) => files::write_atomic(path, text.as_bytes()),
        None => {
            print(text);
            Ok(())
        }
    }
}

/// Writes to stdout; a closed pipe is not an error worth a panic.
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
