//! `jixiao eval SPEC --actuals FILE`: score a self-evaluation and audit the figures it states.

use std::path::Path;

use super::{Outcome, emit, files};
use crate::check_source;
use crate::diagnostic::Severity;
use crate::eval::{self, Evaluation, Row, Verdict};
use crate::model::scoring::Reverse;
use crate::report::{
    eval_ci, eval_csv, eval_json, eval_markdown, eval_table, github, html, human, junit, sarif,
};
use crate::source::SourceFile;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    /// 终端表格与问题
    Human,
    /// JSON（各部分、得分与问题）
    Json,
    /// Markdown 表格
    Markdown,
    /// CSV（每行一条指标）
    Csv,
    /// SARIF 2.1.0：规格和实际值文件中的问题，及每条未达成的指标
    Sarif,
    /// GitHub Actions 注释命令
    Github,
    /// JUnit XML：每条指标一个测试用例
    Junit,
    /// 自带样式与图表的 HTML 报告（不联网，可打印），用 -o 写入文件
    Html,
}

/// The reverse formula for ≤ and < targets (domain.md §7.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReverseArg {
    /// 甲：w·(1 − (a−t)/t)，a ≥ 2t 得 0
    A,
    /// 乙：w·t/a
    B,
}

pub struct EvalArgs<'a> {
    pub spec: &'a Path,
    pub actuals: &'a Path,
    pub format: EvalFormat,
    pub exit_zero: bool,
    pub reverse: Option<ReverseArg>,
    pub color: bool,
    pub output: Option<&'a Path>,
    /// Where the annotated copy of the actuals workbook goes.
    pub annotate: Option<&'a Path>,
}

pub fn run(args: &EvalArgs<'_>) -> Outcome {
    if let Some(out) = args.annotate
        && let Err(message) = super::annotate::workbook_other_than(args.actuals, out)
    {
        return Outcome::Failure(message);
    }
    let spec_source = match files::read_spec(args.spec) {
        Ok(source) => source,
        Err(message) => return Outcome::Failure(message),
    };
    let (actuals_source, format, refused) = match load_actuals(args.actuals) {
        Ok(loaded) => loaded,
        Err(message) => return Outcome::Failure(message),
    };
    let checked = check_source(spec_source);
    let (actuals, mut read_diagnostics) = eval::actuals::read(&actuals_source, format);
    read_diagnostics.extend(refused);
    let options = eval::Options {
        reverse: args.reverse.map(|r| match r {
            ReverseArg::A => Reverse::A,
            ReverseArg::B => Reverse::B,
        }),
    };
    let mut evaluation = eval::evaluate(&checked.spec, &actuals, options);
    evaluation.actuals_diagnostics.extend(read_diagnostics);
    crate::diagnostic::sort(&mut evaluation.actuals_diagnostics);
    let text = render(&evaluation, args, &checked, &actuals_source);
    if let Err(message) = emit(&text, args.output) {
        return Outcome::Failure(message);
    }
    if let Some(out) = args.annotate
        && let Err(message) = super::annotate::eval(args.actuals, &evaluation, &actuals_source, out)
    {
        return Outcome::Failure(message);
    }
    let failed = !evaluation.all_met()
        || evaluation
            .spec_diagnostics
            .iter()
            .chain(&evaluation.actuals_diagnostics)
            .any(|d| d.severity == Severity::Error);
    if failed && !args.exit_zero {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// Reads an actuals file of any format (an XLSX workbook becomes CSV text of its first sheet),
/// with the refusal `files::read` reports for a file it will not read as text.
pub(super) fn load_actuals(
    path: &Path,
) -> Result<
    (
        SourceFile,
        eval::Format,
        Option<crate::diagnostic::Diagnostic>,
    ),
    String,
> {
    let name = path.display().to_string();
    let Some(format) = eval::Format::of(&name) else {
        return Err(format!(
            "{name}: 不认识的实际值文件格式（应为 .toml、.json、.csv 或 .xlsx）"
        ));
    };
    if format == eval::Format::Xlsx {
        let text = files::read_bytes(path, crate::syntax::MAX_FILE_BYTES as u64)
            .and_then(|b| eval::xlsx::to_csv(&b))?;
        Ok((
            SourceFile::new(format!("{name}（第一个工作表）"), text),
            format,
            None,
        ))
    } else {
        let (source, refused) = files::read(path)?;
        Ok((source, format, refused))
    }
}

fn render(
    evaluation: &Evaluation,
    args: &EvalArgs<'_>,
    checked: &crate::Checked,
    actuals: &SourceFile,
) -> String {
    let spec = &checked.source;
    match args.format {
        EvalFormat::Sarif => sarif::render(&eval_ci::as_checked(evaluation, checked, actuals)),
        EvalFormat::Github => github::render(&eval_ci::as_checked(evaluation, checked, actuals)),
        EvalFormat::Junit => junit::render(&eval_ci::as_checked(evaluation, checked, actuals)),
        EvalFormat::Json => eval_json::render(evaluation, spec, actuals),
        EvalFormat::Markdown => eval_markdown::render(evaluation, spec, actuals),
        EvalFormat::Csv => eval_csv::render(evaluation),
        EvalFormat::Html => html::eval(evaluation, spec, actuals),
        EvalFormat::Human => {
            let style = human::Style {
                color: args.color,
                width: 100,
            };
            let mut out = eval_table::render(evaluation);
            out.push_str(&human::render_file(
                spec,
                &evaluation.spec_diagnostics,
                style,
            ));
            out.push_str(&human::render_file(
                actuals,
                &evaluation.actuals_diagnostics,
                style,
            ));
            out.push_str(&summary(evaluation));
            out
        }
    }
}

/// `评价了 21 条指标：达成 17，未达成 3，缺实际值 0，无法判断 1；发现 5 个错误、2 个警告`.
fn summary(evaluation: &Evaluation) -> String {
    let mut counts = [0usize; 4];
    for row in evaluation.sections.iter().flat_map(|s| &s.rows) {
        if let Row::Item(item) = row {
            let slot = match item.verdict {
                Verdict::Met => 0,
                Verdict::NotMet { .. } => 1,
                Verdict::Missing => 2,
                Verdict::Unmeasurable { .. } => 3,
            };
            counts[slot] += 1;
        }
    }
    let (errors, warnings) = crate::diagnostic::errors_and_warnings(
        evaluation
            .spec_diagnostics
            .iter()
            .chain(&evaluation.actuals_diagnostics),
    );
    format!(
        "评价了 {} 条指标：达成 {}，未达成 {}，缺实际值 {}，无法判断 {}；发现 {errors} 个错误、{warnings} 个警告\n",
        counts.iter().sum::<usize>(),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
    )
}
