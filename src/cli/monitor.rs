//! `jixiao monitor SPEC --actuals FILE --month N` (or `--as-of 2024-06-30`): in-year monitoring
//! (绩效运行监控) with the `[monitor]` rules of the nearest `jixiao.toml`.

use std::path::{Path, PathBuf};

use super::config::{Resolver, Source};
use super::eval::load_actuals;
use super::{Outcome, files, print};
use crate::check_source_with;
use crate::diagnostic::Severity;
use crate::eval::monitor::{self, AsOf, Monitoring, Rules};
use crate::report::{
    github, html, human, junit, monitor_ci, monitor_json, monitor_markdown, monitor_table,
    monitor_xlsx, sarif,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MonitorFormat {
    /// 终端表格（带颜色的灯）与问题
    Human,
    /// JSON（各项目、各指标的灯与问题）
    Json,
    /// Markdown 绩效运行监控表
    Markdown,
    /// SARIF 2.1.0：每条红灯指标及实际值文件中的问题
    Sarif,
    /// GitHub Actions 注释命令
    Github,
    /// JUnit XML：每条指标一个测试用例
    Junit,
    /// Excel 工作簿：全国统一的绩效运行监控表（须用 -o 指定文件）
    Xlsx,
    /// 自带样式与图表的 HTML 报告（不联网，可打印），用 -o 写入文件
    Html,
}

pub struct MonitorArgs<'a> {
    pub spec: &'a Path,
    pub actuals: &'a Path,
    pub month: Option<u32>,
    pub as_of: Option<&'a str>,
    pub format: MonitorFormat,
    pub exit_zero: bool,
    pub color: bool,
    pub config: Source,
    pub output: Option<&'a PathBuf>,
}

pub fn run(args: &MonitorArgs<'_>) -> Outcome {
    if args.format == MonitorFormat::Xlsx && args.output.is_none() {
        return Outcome::Failure("--format xlsx 须用 -o 指定输出文件".to_owned());
    }
    let spec_source = match files::read_spec(args.spec) {
        Ok(source) => source,
        Err(message) => return Outcome::Failure(message),
    };
    let loaded = match Resolver::new(args.config.clone()).for_spec(args.spec) {
        Ok(loaded) => loaded,
        Err(message) => return Outcome::Failure(message),
    };
    let (actuals_source, format, refused) = match load_actuals(args.actuals) {
        Ok(loaded) => loaded,
        Err(message) => return Outcome::Failure(message),
    };
    let checked = check_source_with(spec_source, &loaded.settings);
    let year = checked.spec.departments.iter().find_map(|d| d.year);
    let as_of = match (args.month, args.as_of) {
        (Some(month), None) => AsOf::end_of(year, month),
        (None, Some(date)) => AsOf::parse(date),
        _ => Err("请给出 --month N 或 --as-of 日期（二者选一）".to_owned()),
    };
    let as_of = match as_of {
        Ok(as_of) => as_of,
        Err(message) => return Outcome::Failure(message),
    };
    let (actuals, mut read_diagnostics) = crate::eval::actuals::read(&actuals_source, format);
    read_diagnostics.extend(refused);
    let options = monitor::Options {
        as_of,
        rules: Rules::from_config(&loaded.settings.monitor),
    };
    let mut monitoring = monitor::monitor(&checked.spec, &actuals, &options);
    monitoring.actuals_diagnostics.extend(read_diagnostics);
    crate::diagnostic::sort(&mut monitoring.actuals_diagnostics);
    let bytes = match args.format {
        MonitorFormat::Xlsx => match monitor_xlsx::render(&monitoring) {
            Ok(bytes) => bytes,
            Err(message) => return Outcome::Failure(format!("无法生成工作簿：{message}")),
        },
        _ => render(&monitoring, args, &checked, &actuals_source).into_bytes(),
    };
    match args.output {
        Some(path) => {
            if let Err(message) = files::write_atomic(path, &bytes) {
                return Outcome::Failure(message);
            }
        }
        None => print(&String::from_utf8_lossy(&bytes)),
    }
    let failed = monitoring.any_red()
        || monitoring
            .spec_diagnostics
            .iter()
            .chain(&monitoring.actuals_diagnostics)
            .any(|d| d.severity == Severity::Error);
    if failed && !args.exit_zero {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

fn render(
    monitoring: &Monitoring,
    args: &MonitorArgs<'_>,
    checked: &crate::Checked,
    actuals: &crate::source::SourceFile,
) -> String {
    let spec = &checked.source;
    let ci = || monitor_ci::as_checked(monitoring, checked, actuals);
    match args.format {
        MonitorFormat::Sarif => sarif::render(&ci()),
        MonitorFormat::Github => github::render(&ci()),
        MonitorFormat::Junit => junit::render(&ci()),
        MonitorFormat::Json => monitor_json::render(monitoring, spec, actuals),
        MonitorFormat::Markdown => monitor_markdown::render(monitoring, spec, actuals),
        MonitorFormat::Html => html::monitor(monitoring, spec, actuals),
        // Written as bytes by `run`.
        MonitorFormat::Xlsx => String::new(),
        MonitorFormat::Human => {
            let style = human::Style {
                color: args.color,
                width: 100,
            };
            let mut out = monitor_table::render(monitoring, args.color);
            out.push_str(&human::render_file(
                spec,
                &monitoring.spec_diagnostics,
                style,
            ));
            out.push_str(&human::render_file(
                actuals,
                &monitoring.actuals_diagnostics,
                style,
            ));
            out.push_str(&monitor_table::summary(monitoring));
            out
        }
    }
}
