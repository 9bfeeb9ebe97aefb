//! Speed of `jixiao import` on a large workbook: the national self-evaluation form (财预〔2020〕10号)
//! with 10,000 indicator rows, as XLSX.
//!
//! The workbook is written once with rust_xlsxwriter, outside the timing: a title, the
//! project-info block, the funds block, the two-row header (`绩效指标 | | | 年度指标值 …` over
//! `一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位`), and 10,000 rows with their 一级 and
//! 二级 cells merged down as the form prints them, percent cells, operator cells and the
//! self-evaluation columns. Times reading the workbook (`import::sheet::from_workbook`: zip,
//! cells, merges, number formats) and importing it (`import::sheet`: header, info block, rows,
//! spec text, the spec read back and every count accounted for) on one thread: 1 warm-up and 5
//! measured runs, median shown, against the goal of one second. Peak memory is the process's
//! high-water mark (`VmHWM`, Linux) after the runs.
//!
//! The same indicators are then imported as running text (`import::text`: cut into cells,
//! laid out as a sheet, read as the workbook is).
//!
//! Run with `cargo bench --bench import`.

use std::hint::black_box;
use std::time::Instant;

use jixiao::import::{self, Columns};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

const ROWS: u32 = 10_000;
const RUNS: usize = 6;
const GOAL_SECONDS: f64 = 1.0;

/// (二级, 三级 name, 指标性质, 指标值, 度量单位, 实际完成值) by row kind; 一级 from the 二级.
const KINDS: [(&str, &str, &str, &str, &str, &str, &str); 6] = [
    (
        "产出指标",
        "数量指标",
        "培训人次",
        "≥",
        "300",
        "人次",
        "320",
    ),
    ("产出指标", "质量指标", "验收合格率", "=", "1", "", "1"),
    (
        "产出指标",
        "时效指标",
        "完成时间",
        "",
        "2023年12月31日前",
        "",
        "2023年11月",
    ),
    (
        "产出指标",
        "成本指标",
        "人均培训成本",
        "≤",
        "0.12",
        "万元/人",
        "0.11",
    ),
    (
        "效益指标",
        "社会效益指标",
        "政策知晓率",
        "≥",
        "0.9",
        "",
        "0.93",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "≥",
        "0.95",
        "",
        "0.96",
    ),
];

/// How many rows of each kind in a block before the next kind: merged 一级/二级 cells span them.
const BLOCK: u32 = 25;

fn workbook() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let percent = Format::new().set_num_format("0%");
    let merged = Format::new();
    sheet.merge_range(0, 0, 0, 9, "项目支出绩效自评表（2023年度）", &merged)?;
    sheet.write(1, 0, "项目名称")?;
    sheet.merge_range(1, 1, 1, 9, "基准培训项目", &merged)?;
    sheet.write(2, 0, "主管部门")?;
    sheet.merge_range(2, 1, 2, 4, "基准部门", &merged)?;
    sheet.write(2, 5, "实施单位")?;
    sheet.merge_range(2, 6, 2, 9, "基准单位", &merged)?;
    let funds = [
        "项目资金(万元)",
        "",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ];
    for (c, text) in funds.iter().enumerate() {
        sheet.write(3, c as u16, *text)?;
    }
    let total = [
        "",
        "年度资金总额",
        "100.00",
        "100.00",
        "96.00",
        "10",
        "96%",
        "9.6",
    ];
    for (c, text) in total.iter().enumerate() {
        sheet.write(4, c as u16, *text)?;
    }
    let upper = [
        "绩效指标",
        "",
        "",
        "年度指标值",
        "",
        "",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ];
    let lower = [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
    ];
    sheet.merge_range(5, 0, 5, 2, upper[0], &merged)?;
    sheet.merge_range(5, 3, 5, 5, upper[3], &merged)?;
    for c in 6..10 {
        sheet.merge_range(5, c, 6, c, upper[c as usize], &merged)?;
    }
    for (c, text) in lower.iter().enumerate() {
        sheet.write(6, c as u16, *text)?;
    }
    let first = 7;
    for block in 0..ROWS / BLOCK {
        let (level1, level2, name, op, value, unit, actual) = KINDS[block as usize % KINDS.len()];
        let top = first + block * BLOCK;
        sheet.merge_range(top, 0, top + BLOCK - 1, 0, level1, &merged)?;
        sheet.merge_range(top, 1, top + BLOCK - 1, 1, level2, &merged)?;
        for i in 0..BLOCK {
            let row = top + i;
            sheet.write(row, 2, format!("{name}{row}"))?;
            sheet.write(row, 3, op)?;
            match value.parse::<f64>() {
                Ok(number) if unit.is_empty() => {
                    sheet.write_number_with_format(row, 4, number, &percent)?
                }
                Ok(number) => sheet.write_number(row, 4, number)?,
                Err(_) => sheet.write(row, 4, value)?,
            };
            sheet.write(row, 5, unit)?;
            match actual.parse::<f64>() {
                Ok(number) if unit.is_empty() => {
                    sheet.write_number_with_format(row, 6, number, &percent)?
                }
                Ok(number) => sheet.write_number(row, 6, number)?,
                Err(_) => sheet.write(row, 6, actual)?,
            };
            sheet.write_number(row, 7, 0.5)?;
            sheet.write_number(row, 8, 0.5)?;
        }
    }
    book.save_to_buffer()
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The process's peak resident memory in MB, where Linux tells it.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn fail(message: String) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}

fn main() {
    let bytes = workbook().unwrap_or_else(|e| fail(format!("writing the workbook: {e}")));
    let (mut read, mut import) = (vec![], vec![]);
    for i in 0..RUNS {
        let start = Instant::now();
        let sheets = black_box(import::sheet::from_workbook(&bytes))
            .unwrap_or_else(|d| fail(format!("reading the workbook: {}", d.message())));
        let read_time = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let imported = black_box(import::sheet(&sheets, &Columns::default(), "bench"));
        let import_time = start.elapsed().as_secs_f64();
        let written = imported.written.indicators;
        if written != ROWS as usize || imported.has_errors() {
            fail(format!(
                "imported {written} of {ROWS} indicators, {} findings",
                imported.diagnostics.len()
            ));
        }
        if i > 0 {
            read.push(read_time);
            import.push(import_time);
        }
    }
    let (read, import) = (median(read), median(import));
    let total = read + import;
    println!(
        "import: {ROWS} indicator rows of the national self-evaluation form, XLSX {:.1} MB",
        bytes.len() as f64 / 1e6
    );
    println!("  read workbook  {:>8.1} ms", read * 1e3);
    println!("  import         {:>8.1} ms", import * 1e3);
    println!(
        "  total          {:>8.1} ms  ({:.2} of the {GOAL_SECONDS} s goal)",
        total * 1e3,
        total / GOAL_SECONDS
    );
    match peak_memory_mb() {
        Some(mb) => {
            println!("  peak memory    {mb:>8.1} MB (whole process, workbook built in memory)")
        }
        None => println!("  peak memory    not reported on this system"),
    }
    running_text();
}

/// The same indicators as running text (`产出指标：数量指标：培训人次7≥300人次；…`, each 二级
/// block one paragraph), half of them as a table copied one cell per line under its column
/// headings: `import::text` on one thread, median of 5 runs.
fn running_text() {
    let mut text = String::from("项目名称：基准培训项目\n");
    let mut cells = String::from("一级指标\n二级指标\n三级指标\n指标值\n计量单位\n");
    for block in 0..ROWS / BLOCK {
        let (level1, level2, name, op, value, unit, _) = KINDS[block as usize % KINDS.len()];
        let value = match value.parse::<f64>() {
            Ok(share) if unit.is_empty() && share <= 1.0 => format!("{}%", share * 100.0),
            _ => value.to_owned(),
        };
        let into = if block % 2 == 0 {
            &mut text
        } else {
            &mut cells
        };
        if block % 2 == 0 {
            into.push_str(&format!("{level1}：{level2}："));
            for i in 0..BLOCK {
                into.push_str(&format!("{name}{}{op}{value}{unit}；", block * BLOCK + i));
            }
            into.push('\n');
        } else {
            into.push_str(&format!("{level1}\n{level2}\n"));
            for i in 0..BLOCK {
                into.push_str(&format!(
                    "{name}{}\n{op}{value}\n{unit}\n",
                    block * BLOCK + i
                ));
            }
        }
    }
    text.push_str(&cells);
    let source = jixiao::source::SourceFile::new("bench.txt", text);
    let mut times = Vec::new();
    for i in 0..RUNS {
        let start = Instant::now();
        let imported = black_box(import::text(&source, &Columns::default(), "bench"));
        if i == 0 && imported.written.indicators != ROWS as usize {
            fail(format!(
                "running text: imported {} of {ROWS} indicators",
                imported.written.indicators
            ));
        }
        if i > 0 {
            times.push(start.elapsed().as_secs_f64());
        }
    }
    println!(
        "import: {ROWS} indicators as running text, {:.1} MB",
        source.text.len() as f64 / 1e6
    );
    println!("  import         {:>8.1} ms", median(times) * 1e3);
}
