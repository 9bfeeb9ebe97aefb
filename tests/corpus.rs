//! The corpus of real published tables (`tests/corpus/tables/<id>/`): each source's `table.xlsx`
//! (built from its `grid.csv` and `merges.txt` by `tests/corpus/build.py`) is imported, and per
//! source a snapshot pins the counts, the findings and every indicator's normalized meaning.
//! Each indicator is also compared with the reviewer's `expected.csv` (category as written,
//! operator, value, unit): the figures are printed and pinned in `corpus_agreement`, so a change
//! in what the readers get right shows in review.
//!
//!     cargo test --locked corpus -- --nocapture

use std::path::{Path, PathBuf};

use jixiao::import::{self, Columns, Imported};
use jixiao::model::{Condition, Indicator, Meaning, Quantity, Target};
use rust_decimal::Decimal;

use crate::common::ROOT;

fn sources() -> Vec<PathBuf> {
    sources_in("tests/corpus/tables", "table.xlsx")
}

/// The folders of a corpus directory that hold `file`, in order.
fn sources_in(dir: &str, file: &str) -> Vec<PathBuf> {
    let dir = Path::new(ROOT).join(dir);
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join(file).exists())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn import_source(dir: &Path) -> Imported {
    let bytes = std::fs::read(dir.join("table.xlsx")).unwrap();
    let sheets = import::sheet::from_workbook(&bytes).unwrap();
    let id = dir.file_name().unwrap().to_string_lossy().into_owned();
    import::sheet(&sheets, &Columns::default(), &id)
}

/// An operator token as `expected.csv` writes them: `>=`, `<=`, `=`, `>`, `<`, `none` (a bare
/// value), `range`, `deadline`, `zero`, `relative`, `grade`, `text` (not measurable).
fn meaning(target: &Target) -> (String, Option<Quantity>) {
    match &target.meaning {
        Meaning::Unmeasurable => ("text".to_owned(), None),
        Meaning::Grade { .. } => ("grade".to_owned(), None),
        Meaning::Conditions { clauses } => match clauses.first().map(|c| &c.condition) {
            Some(Condition::Compare {
                op, stated, bound, ..
            }) => {
                let token = match (op, stated) {
                    (Some(op), true) => op.symbol().to_owned(),
                    _ => "none".to_owned(),
                };
                (token, Some(bound.clone()))
            }
            Some(Condition::Range { low, .. }) => ("range".to_owned(), Some(low.clone())),
            Some(Condition::Deadline { .. }) => ("deadline".to_owned(), None),
            Some(Condition::ZeroEvent { .. }) => ("zero".to_owned(), None),
            Some(Condition::Relative { op, amount, .. }) => {
                (format!("relative {}", op.symbol()), Some(amount.clone()))
            }
            None => ("text".to_owned(), None),
        },
    }
}

fn quantity_text(q: &Quantity) -> String {
    let unit = q.unit.as_ref().map_or("", |u| u.symbol);
    let per = q.per.map(|p| format!("/{}", p.label())).unwrap_or_default();
    format!("{}{unit}{per}", q.value.normalize())
}

/// One line per indicator: category, name, normalized target.
fn indicator_line(indicator: &Indicator) -> String {
    let (op, quantity) = meaning(&indicator.target);
    let value = quantity.as_ref().map(quantity_text).unwrap_or_default();
    format!(
        "{} | {} | {op} {value} | {}",
        indicator.category.label(),
        indicator.name,
        indicator.target.text
    )
}

/// What a reviewer wrote for one indicator.
struct Expected {
    level1: String,
    level2: String,
    name: String,
    operator: String,
    value: String,
    unit: String,
}

fn expected(dir: &Path) -> Vec<Expected> {
    let Ok(text) = std::fs::read_to_string(dir.join("expected.csv")) else {
        return Vec::new();
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let headers = reader.headers().cloned().unwrap_or_default();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let get = |record: &csv::StringRecord, name: &str| {
        column(name)
            .and_then(|i| record.get(i))
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    reader
        .records()
        .filter_map(Result::ok)
        .map(|r| Expected {
            level1: simplified(&get(&r, "level1")),
            level2: simplified(&get(&r, "level2")),
            name: get(&r, "name"),
            operator: get(&r, "operator"),
            value: get(&r, "value"),
            unit: get(&r, "unit"),
        })
        .collect()
}

/// Category labels compare in simplified characters (`產出指標` is `产出指标`).
fn simplified(text: &str) -> String {
    text.chars()
        .map(jixiao::model::category::simplified)
        .collect()
}

/// Names compare without spaces and line breaks.
fn key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether the category read is the one written: its canonical words appear in the label as
/// written (`产出` in `产出指标(50分)`, `数量` in `数量指标(必填)`); an unknown category is wrong.
fn category_right(indicator: &Indicator, e: &Expected) -> bool {
    let category = &indicator.category;
    if let Some(written) = &category.written {
        // Carried as written is right for a label that names no known category (`投入目标`, a
        // table without categories) and wrong for one that does.
        return no_known_category(&e.level1)
            && no_known_category(&e.level2)
            && (written.contains(&simplified(&e.level2)) || e.level2.is_empty());
    }
    let words1: &[&str] = match category.level1.label() {
        "产出" => &["产出", "完成", "产"],
        "效益" => &["效益", "效果", "结果"],
        "满意度" => &["满意"],
        other => &[other][..0],
    };
    let level1_written = format!("{}{}", e.level1, e.level2);
    // A missing 一级 is right when the 二级 decides it (`数量指标` is 产出).
    let level1_written = if e.level1.is_empty() {
        format!("{level1_written}{}", category.level1.label())
    } else {
        level1_written
    };
    // A 二级 label written under the 一级 heading (`数量指标`) decides the 一级 as well.
    let level2_decides = e.level2.is_empty()
        && category
            .level2
            .is_some_and(|l2| e.level1.contains(l2.label().trim_end_matches("效益")));
    let first = words1.iter().any(|w| level1_written.contains(w))
        || level1_written.contains(category.level1.label())
        || level2_decides;
    let second = match category.level2 {
        None => {
            // The 二级 label names the 一级 (`结果目标` under 项目绩效实现情况) or is empty.
            e.level2.is_empty()
                || words1.iter().any(|w| e.level2.contains(w))
                || e.level2.contains('、')
                || e.level2.contains(category.level1.label())
        }
        Some(level2) => {
            let label = level2.label();
            let word = match label {
                "服务对象满意度" => "满意",
                "时效" => {
                    return first && (e.level2.contains("时效") || e.level2.contains("进度"));
                }
                "生态效益" => {
                    return first && (e.level2.contains("生态") || e.level2.contains("环境"));
                }
                l => l.trim_end_matches("效益").trim_end_matches("影响"),
            };
            e.level2.contains(word) || (e.level2.is_empty() && e.level1.contains(word))
        }
    };
    first && second
}

/// Whether a label holds none of the words of a known 一级 or 二级.
fn no_known_category(label: &str) -> bool {
    const WORDS: &[&str] = &[
        "产出", "效益", "效果", "满意", "成本", "数量", "质量", "时效", "进度", "决策", "过程",
    ];
    let label = simplified(label);
    !WORDS.iter().any(|w| label.contains(w))
}

/// The reviewer's value and unit as the model reads them (magnitudes applied, units canonical).
fn expected_quantity(e: &Expected) -> Option<Quantity> {
    if e.value.is_empty() {
        return None;
    }
    // A reviewer's `3.2e+06` is 3200000.
    let value = Decimal::from_scientific(&e.value)
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|_| e.value.clone());
    let text = format!("{value}{}", e.unit);
    let ast = jixiao::syntax::parse_value(&text, 0);
    let target = jixiao::model::value::lower_target(&ast, "", &[], &mut Vec::new());
    meaning(&target).1
}

fn operator_right(op: &str, e: &Expected) -> bool {
    let expected = match e.operator.as_str() {
        "" => "none",
        "≥" => ">=",
        "≤" => "<=",
        other => other,
    };
    op == expected
}

fn quantity_right(mine: Option<&Quantity>, e: &Expected) -> bool {
    if e.value.is_empty() {
        return true;
    }
    let (Some(mine), Some(theirs)) = (mine, expected_quantity(e)) else {
        return false;
    };
    let converted = match (&mine.unit, &theirs.unit) {
        (None, None) => Some(mine.value),
        (Some(a), Some(b)) => a.convert(mine.value, b),
        _ => None,
    };
    converted.is_some_and(|v| (v - theirs.value).abs() < Decimal::new(1, 9))
}

#[derive(Default)]
struct Agreement {
    expected: usize,
    found: usize,
    category: usize,
    operator: usize,
    value: usize,
    all: usize,
    /// Indicators written that the reviewer did not list (a heading or a sentence read as one).
    extra: usize,
}

fn agree(imported: &Imported, expected: &[Expected]) -> (Agreement, Vec<String>) {
    let mut mine: Vec<Option<&Indicator>> =
        imported.model.indicators().map(|(_, i)| Some(i)).collect();
    let mut agreement = Agreement {
        expected: expected.len(),
        ..Agreement::default()
    };
    let mut misses = Vec::new();
    for e in expected {
        let found = mine
            .iter_mut()
            .find(|slot| slot.is_some_and(|i| key(&i.name) == key(&e.name)))
            .and_then(Option::take);
        let Some(indicator) = found else {
            misses.push(format!("  未导入：{}", e.name));
            continue;
        };
        agreement.found += 1;
        let (op, quantity) = meaning(&indicator.target);
        let category = category_right(indicator, e);
        let operator = operator_right(&op, e);
        let value = quantity_right(quantity.as_ref(), e);
        agreement.category += usize::from(category);
        agreement.operator += usize::from(operator);
        agreement.value += usize::from(value);
        if category && operator && value {
            agreement.all += 1;
        } else {
            misses.push(format!(
                "  不符：{} — 读作 {} {op} {}；表中 {}/{} {} {}{}",
                e.name,
                indicator.category.label(),
                quantity.as_ref().map(quantity_text).unwrap_or_default(),
                e.level1,
                e.level2,
                e.operator,
                e.value,
                e.unit
            ));
        }
    }
    agreement.extra = mine.iter().flatten().count();
    for extra in mine.iter().flatten() {
        misses.push(format!("  多出：{}", extra.name));
    }
    (agreement, misses)
}

#[test]
fn corpus_imports_as_pinned_and_agrees_with_the_reviewers() {
    let report = pin_and_agree("corpus", &sources(), import_source);
    insta::assert_snapshot!("corpus_agreement", report);
}

/// The published texts of `tests/corpus/text/` (running text, one cell per line, a whole table
/// on one line …), imported as `jixiao import` reads a `.txt` file, against their labels.
#[test]
fn text_corpus_imports_as_pinned_and_agrees_with_the_reviewers() {
    let report = pin_and_agree("corpus-text", &text_sources(), import_text);
    insta::assert_snapshot!("corpus_text_agreement", report);
}

fn text_sources() -> Vec<PathBuf> {
    sources_in("tests/corpus/text", "source.txt")
}

fn import_text(dir: &Path) -> Imported {
    let text = std::fs::read_to_string(dir.join("source.txt")).unwrap();
    let id = dir.file_name().unwrap().to_string_lossy().into_owned();
    let source = jixiao::source::SourceFile::new(format!("{id}/source.txt"), text);
    import::text(&source, &Columns::default(), &id)
}

/// Imports every source, pins each import (`{prefix}-{id}`) and returns the agreement report.
fn pin_and_agree(prefix: &str, sources: &[PathBuf], read: fn(&Path) -> Imported) -> String {
    let mut report = String::new();
    let mut complete = 0;
    let mut totals = Agreement::default();
    for dir in sources {
        let id = dir.file_name().unwrap().to_string_lossy().into_owned();
        let imported = read(dir);
        assert_eq!(
            imported.found,
            imported.skipped.plus(imported.written),
            "{id}: found = not imported + written"
        );
        let mut pinned = import::summary(&id, &imported);
        for d in &imported.diagnostics {
            pinned.push_str(&format!("{} {}\n", d.rule().name, d.message()));
        }
        pinned.push('\n');
        for (_, indicator) in imported.model.indicators() {
            pinned.push_str(&indicator_line(indicator));
            pinned.push('\n');
        }
        insta::assert_snapshot!(format!("{prefix}-{id}"), pinned);
        let expected = expected(dir);
        let (agreement, misses) = agree(&imported, &expected);
        let all_right =
            agreement.all == agreement.expected && agreement.expected > 0 && agreement.extra == 0;
        complete += usize::from(all_right);
        report.push_str(&format!(
            "{id}: {} 条中导入 {}，类别对 {}，比较符对 {}，数值与单位对 {}，全对 {}，多出 {}{}\n",
            agreement.expected,
            agreement.found,
            agreement.category,
            agreement.operator,
            agreement.value,
            agreement.all,
            agreement.extra,
            if all_right { " ✓" } else { "" }
        ));
        for miss in misses {
            report.push_str(&miss);
            report.push('\n');
        }
        totals.expected += agreement.expected;
        totals.found += agreement.found;
        totals.category += agreement.category;
        totals.operator += agreement.operator;
        totals.value += agreement.value;
        totals.all += agreement.all;
        totals.extra += agreement.extra;
    }
    report.push_str(&format!(
        "\n合计：{} 个来源，{} 条指标；导入 {}，类别对 {}，比较符对 {}，数值与单位对 {}，全对 {}，多出 {}；每条都对的来源 {}/{}\n",
        sources.len(),
        totals.expected,
        totals.found,
        totals.category,
        totals.operator,
        totals.value,
        totals.all,
        totals.extra,
        complete,
        sources.len()
    ));
    println!("{report}");
    report
}

/// A source's indicators as the corpus pins them, one normalized line each (the cell names
/// differ between kinds — `Sheet1!E14`, `表1!E14` — and are not part of the meaning).
fn indicator_lines(imported: &Imported) -> Vec<String> {
    imported
        .model
        .indicators()
        .map(|(_, i)| indicator_line(i))
        .collect()
}

fn province(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("source.toml")).unwrap_or_default();
    let table: toml::Table = toml::from_str(&text).unwrap_or_default();
    table
        .get("province")
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_owned()
}

/// Each source rebuilt as a Word document and as a web page (`build.py`: merges as
/// gridSpan / vMerge and rowspan / colspan, the title rows as paragraphs, two pages in GBK),
/// and six Word documents saved again by LibreOffice, import to exactly the indicators of
/// their workbook, with the same counts.
#[test]
fn corpus_documents_import_as_their_workbooks() {
    let mut checked = 0;
    let mut provinces = std::collections::BTreeSet::new();
    let mut wrong = Vec::new();
    for dir in sources() {
        let id = dir.file_name().unwrap().to_string_lossy().into_owned();
        let workbook = import_source(&dir);
        let want = indicator_lines(&workbook);
        for (kind, read) in [
            ("table.docx", import::docx::from_docx as fn(&[u8]) -> _),
            ("table-libreoffice.docx", import::docx::from_docx),
            ("table.html", import::html::from_html),
        ] {
            let Ok(bytes) = std::fs::read(dir.join(kind)) else {
                continue;
            };
            let imported = import::sheet(&read(&bytes).unwrap(), &Columns::default(), &id);
            checked += 1;
            provinces.insert(province(&dir));
            if indicator_lines(&imported) != want || imported.found != workbook.found {
                let diff = similar::TextDiff::from_lines(
                    &want.join("\n"),
                    &indicator_lines(&imported).join("\n"),
                )
                .unified_diff()
                .to_string();
                wrong.push(format!(
                    "{id}/{kind}: {:?} ≠ {:?}\n{diff}",
                    imported.found, workbook.found
                ));
            }
        }
    }
    println!(
        "{checked} 份 Word / 网页来源（{} 个省份）与其工作簿导入的指标逐条相同",
        provinces.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        checked >= 16 && provinces.len() >= 8,
        "{checked} {provinces:?}"
    );
}

/// The PDFs printed from the rebuilt Word documents (LibreOffice), read through `pdftotext
/// -layout`: a PDF keeps no cells, only text placed on a page, so how many indicators come out
/// as in the workbook is measured and pinned rather than required to be all.
#[test]
fn corpus_pdfs_agree_with_their_workbooks_as_pinned() {
    let pdfs: Vec<PathBuf> = sources()
        .into_iter()
        .filter(|d| d.join("table.pdf").exists())
        .collect();
    assert!(pdfs.len() >= 2);
    let mut report = String::new();
    for dir in &pdfs {
        let id = dir.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(out) = std::process::Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(dir.join("table.pdf"))
            .arg("-")
            .output()
        else {
            println!("pdftotext (poppler-utils) is not installed: corpus PDFs skipped");
            return;
        };
        let text = String::from_utf8_lossy(&out.stdout).replace('\u{c}', "\n");
        let source = jixiao::source::SourceFile::new(format!("{id}/table.pdf"), text);
        let (imported, _) = import::pdf_layout(&source, None, &Columns::default(), &id).unwrap();
        assert_eq!(
            imported.found,
            imported.skipped.plus(imported.written),
            "{id}: found = not imported + written"
        );
        let want = indicator_lines(&import_source(dir));
        let got = indicator_lines(&imported);
        let same = want.iter().filter(|line| got.contains(line)).count();
        report.push_str(&format!(
            "{id}: 工作簿 {} 条指标，PDF 读出 {} 条，其中与工作簿相同 {}\n",
            want.len(),
            got.len(),
            same
        ));
        for line in want.iter().filter(|line| !got.contains(line)) {
            report.push_str(&format!("  缺：{line}\n"));
        }
        for line in got.iter().filter(|line| !want.contains(line)) {
            report.push_str(&format!("  多：{line}\n"));
        }
    }
    println!("{report}");
    insta::assert_snapshot!("corpus_pdf_agreement", report);
}

/// The README states the agreement figures the corpus reports pin, no other.
#[test]
fn readme_states_the_corpus_agreement_as_pinned() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let totals = |snapshot: &str| -> Vec<usize> {
        let text = std::fs::read_to_string(Path::new(ROOT).join("tests/snapshots").join(snapshot))
            .unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("合计："))
            .unwrap()
            .to_owned();
        line.split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().unwrap())
            .collect()
    };
    // 合计：{sources} 个来源，{expected} 条指标；导入 {found}，类别对 …，比较符对 …，数值与单位对 …，全对 {all}，多出 {extra}；…
    let tables = totals("jixiao__corpus__corpus_agreement.snap");
    let sentence = format!(
        "Today {} of the {} indicators come out right in all four",
        tables[6], tables[1]
    );
    assert!(readme.contains(&sentence), "README.md must say: {sentence}");
    let text = totals("jixiao__corpus__corpus_text_agreement.snap");
    for sentence in [
        format!(
            "Today {} of their {} indicators come out right",
            text[6], text[1]
        ),
        format!("{} are found by name", text[2]),
        format!(
            "{} indicators are written that the reviewers did not list",
            text[7]
        ),
        format!("holds {} such texts", text[0]),
    ] {
        assert!(readme.contains(&sentence), "README.md must say: {sentence}");
    }
}
