//! Throughput of `jixiao monitor`: 100,000 indicators at the end of June, in indicators per
//! second.
//!
//! Builds one spec of 12,500 projects with one row of each kind the lights distinguish (a
//! cumulative quantity, a quality rate, a level, a deadline, a zero event, a rate per period, a
//! satisfaction level, a qualitative row), and a TOML actuals file with an actual for every
//! indicator (spread over all lights, every fourth red or yellow row with a 偏差原因, every
//! project with budget figures). Times reading the actuals file (`eval::actuals::read`) and
//! monitoring (`eval::monitor::monitor`: matching, lights, explanations) on one thread: 1
//! warm-up and 5 measured runs, median shown. The spec is parsed once, outside the timing (its
//! check is what `cargo bench --bench check` measures).
//!
//! Run with `cargo bench --bench monitor`.

use std::fmt::Write;
use std::hint::black_box;
use std::time::Instant;

use jixiao::eval::monitor::{self, AsOf, Rules};
use jixiao::source::SourceFile;

const PROJECTS: usize = 12_500;
const RUNS: usize = 6;

/// One row of each kind: (spec line after the category and name, name, actuals by light).
const ROWS: [(&str, &str, &str, [&str; 4]); 8] = [
    (
        "产出.数量",
        "宣传册",
        ">= 1200册",
        ["100册", "400册", "600册", "900册"],
    ),
    (
        "产出.质量",
        "验收合格率",
        ">= 95%",
        ["90%", "96%", "97%", "99%"],
    ),
    ("效益", "知晓率", "> 70%", ["30%", "50%", "71%", "90%"]),
    (
        "产出.时效",
        "上线时间",
        "2023年12月31日前",
        ["未完成", "未完成", "2023年5月20日", "已完成"],
    ),
    ("效益", "安全事故", "无", ["1起", "无", "0起", "无"]),
    (
        "产出",
        "编印数",
        "1065期/年",
        ["100期", "400期", "532.5期", "700期"],
    ),
    (
        "满意度",
        "群众满意度",
        ">= 90%",
        ["40%", "60%", "91%", "95%"],
    ),
    (
        "效益",
        "社会效应",
        "正面效应",
        [
            "未达到预期目标",
            "部分达到预期目标",
            "达到预期目标",
            "达到预期目标",
        ],
    ),
];

fn corpus() -> (String, String, usize) {
    let mut spec = String::from("部门 \"基准部门\" 2023 {\n预算单位 \"基准单位\" {\n");
    let mut actuals = String::new();
    let mut count = 0;
    for p in 0..PROJECTS {
        let _ = writeln!(
            spec,
            "项目 \"项目{p}\" {{\n预算 总计 100.00 财政拨款 100.00"
        );
        let _ = writeln!(
            actuals,
            "[[\"项目\"]]\n\"名称\" = \"项目{p}\"\n\"全年预算数\" = \"100.00\"\n\"全年执行数\" = \"{}.00\"",
            20 + p % 40
        );
        for (k, (category, name, target, values)) in ROWS.iter().enumerate() {
            let _ = writeln!(spec, "{category} {name}{p} {target}");
            let which = (p + k) % values.len();
            let _ = writeln!(
                actuals,
                "[[\"指标\"]]\n\"项目\" = \"项目{p}\"\n\"名称\" = \"{name}{p}\"\n\"实际\" = \"{}\"",
                values[which]
            );
            if which < 2 && p % 4 == 0 {
                actuals.push_str("\"偏差原因\" = \"进度滞后\"\n\"偏差类别\" = \"其他\"\n\"完成目标可能性\" = \"有可能\"\n");
            }
            count += 1;
        }
        spec.push_str("}\n");
    }
    spec.push_str("}\n}\n");
    (spec, actuals, count)
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let (spec_text, actuals_text, generated) = corpus();
    let checked = jixiao::check_source(SourceFile::new("bench.jx", spec_text));
    let found = checked.spec.indicators().count();
    if found != generated {
        eprintln!("the spec has {found} indicators, {generated} were generated");
        std::process::exit(1);
    }
    let source = SourceFile::new("bench.toml", actuals_text);
    let options = monitor::Options {
        as_of: AsOf::end_of(Some(2023), 6).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        }),
        rules: Rules::default(),
    };
    let (mut read, mut run) = (vec![], vec![]);
    for i in 0..RUNS {
        let start = Instant::now();
        let (actuals, diagnostics) = black_box(jixiao::eval::actuals::read(
            &source,
            jixiao::eval::Format::Toml,
        ));
        let read_time = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let monitoring = black_box(monitor::monitor(&checked.spec, &actuals, &options));
        let run_time = start.elapsed().as_secs_f64();
        let rows = monitoring.rows().count();
        if rows != generated || !diagnostics.is_empty() {
            eprintln!(
                "monitored {rows} of {generated} rows; {} read problems",
                diagnostics.len()
            );
            std::process::exit(1);
        }
        if i > 0 {
            read.push(read_time);
            run.push(run_time);
        }
    }
    let (read, run) = (median(read), median(run));
    let per_second = |t: f64| generated as f64 / t;
    println!(
        "monitor: {generated} indicators in {} projects, actuals file {:.1} MB",
        PROJECTS,
        source.text.len() as f64 / 1e6
    );
    println!(
        "  read actuals (TOML)  {:>8.1} ms  {:>10.0} indicators/s",
        read * 1e3,
        per_second(read)
    );
    println!(
        "  monitor              {:>8.1} ms  {:>10.0} indicators/s",
        run * 1e3,
        per_second(run)
    );
    println!(
        "  total                {:>8.1} ms  {:>10.0} indicators/s",
        (read + run) * 1e3,
        per_second(read + run)
    );
}
