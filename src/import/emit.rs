//! A plain printer of imported tables as spec text, in the layout of the hand-written specs:
//! two-space indents, indicator columns aligned by display width (a CJK character is two columns).
//! It is not a formatter; `jixiao fmt` may later be run over its output.

use super::table::{Agency, Cell, Department, Item, Project, Table};
use crate::model::Fund;
use crate::model::quantity::parse_number;
use crate::model::scoring::SPLIT_WORDS;

/// Spec text for a table. Names, goals and targets must already be writable (see `quote`).
pub fn emit(table: &Table) -> String {
    let mut out = String::new();
    for note in &table.notes {
        comment(&mut out, 0, note);
    }
    for (index, department) in table.departments.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        emit_department(&mut out, department);
    }
    out
}

fn emit_department(out: &mut String, department: &Department) {
    let year = department.year.map(|y| format!(" {y}")).unwrap_or_default();
    line(
        out,
        0,
        &format!("部门 {}{year} {{", quoted(&department.name)),
    );
    if !department.budget.is_empty() {
        line(out, 1, &budget(&department.budget, "合计"));
    }
    let split = department_split(department);
    if let Some(words) = &split {
        line(out, 1, &format!("计分 {}", words.join(" ")));
    }
    for (index, agency) in department.agencies.iter().enumerate() {
        if index > 0 || !department.budget.is_empty() {
            out.push('\n');
        }
        emit_agency(out, agency, split.is_some());
    }
    line(out, 0, "}");
}

fn emit_agency(out: &mut String, agency: &Agency, split: bool) {
    line(out, 1, &format!("预算单位 {} {{", quoted(&agency.name)));
    if !agency.budget.is_empty() {
        line(out, 2, &budget(&agency.budget, "总计"));
    }
    for (index, project) in agency.projects.iter().enumerate() {
        if index > 0 || !agency.budget.is_empty() {
            out.push('\n');
        }
        emit_project(out, project, split);
    }
    line(out, 1, "}");
}

/// The category weights of a project's labels (`产出指标(50分)`) as `计分` words (`产出50`).
fn split_words(project: &Project) -> Vec<String> {
    project
        .weights
        .iter()
        .filter(|(word, _)| SPLIT_WORDS.contains(&word.as_str()))
        .map(|(word, points)| format!("{word}{}", points.normalize()))
        .collect()
}

/// The department's `计分` split: the projects' category weights when they all agree.
fn department_split(department: &Department) -> Option<Vec<String>> {
    let mut splits = department
        .agencies
        .iter()
        .flat_map(|a| &a.projects)
        .map(split_words)
        .filter(|s| !s.is_empty());
    let first = splits.next()?;
    splits.all(|s| s == first).then_some(first)
}

/// `split`: the department's `计分` line carries the weights, so the project need not.
fn emit_project(out: &mut String, project: &Project, split: bool) {
    let classified = if project.classified { " 涉密" } else { "" };
    line(
        out,
        2,
        &format!("项目 {}{classified} {{", quoted(&project.name)),
    );
    for note in &project.notes {
        comment(out, 3, note);
    }
    if !project.budget.is_empty() {
        line(out, 3, &budget(&project.budget, "总计"));
    }
    if let Some(goal) = &project.term_goal {
        line(out, 3, &format!("实施期目标 {}", quoted(goal)));
    }
    if let Some(goal) = &project.goal {
        line(out, 3, &format!("目标 {}", quoted(goal)));
    }
    if !split {
        let weights = split_words(project);
        if !weights.is_empty() {
            comment(out, 3, &format!("表中类别分值：{}", weights.join(" ")));
        }
    }
    let categories: Vec<String> = project.indicators.iter().map(category).collect();
    let names: Vec<String> = project.indicators.iter().map(|i| name(&i.name)).collect();
    let category_width = categories
        .iter()
        .map(|c| width(c))
        .max()
        .unwrap_or(0)
        .max(6)
        + 1;
    let name_width = names.iter().map(|n| width(n)).max().unwrap_or(0) + 2;
    for ((item, category), name) in project.indicators.iter().zip(&categories).zip(&names) {
        if let Some(note) = &item.note {
            comment(out, 3, note);
        }
        let mut text = format!(
            "{}{}{}",
            pad(category, category_width),
            pad(name, name_width),
            item.target
        );
        // Where the indicator is in the workbook, so findings can be traced to the cell.
        if let Some(place) = &item.place {
            text.push_str(&format!("  # {place}"));
        }
        line(out, 3, &text);
        if let Some(points) = item.weight.as_deref().and_then(parse_number) {
            line(out, 3, &format!("评分 {}分", points.normalize()));
        }
    }
    line(out, 2, "}");
}

fn category(item: &Item) -> String {
    match &item.level2 {
        Some(level2) => format!("{}.{level2}", item.level1),
        None => item.level1.clone(),
    }
}

fn budget(cells: &[Cell], total: &str) -> String {
    let mut text = String::from("预算");
    for cell in cells {
        let label = match cell.fund {
            Fund::Total => total,
            fund => fund.label(),
        };
        text.push_str(&format!(" {label} {}", cell.text));
    }
    text
}

/// An indicator name: bare when the grammar reads it bare, quoted otherwise.
fn name(text: &str) -> String {
    let bare = !text.is_empty()
        && !text.contains(|c: char| c.is_whitespace() || c == '#' || c == '"')
        && !text.starts_with(['“', '「']);
    if bare { text.to_owned() } else { quoted(text) }
}

/// A string in the first quotes it does not contain; `writable` has made sure one fits.
pub fn quoted(text: &str) -> String {
    match quote(text) {
        Some((open, close)) => format!("{open}{text}{close}"),
        None => format!("\"{text}\""),
    }
}

/// The quote pair that can hold `text` on one line, if any.
pub fn quote(text: &str) -> Option<(char, char)> {
    if text.contains(['\n', '\r']) {
        return None;
    }
    [('"', '"'), ('「', '」'), ('“', '”')]
        .into_iter()
        .find(|(_, close)| !text.contains(*close))
}

/// Display width, as the formatter and the terminal table count it (a Chinese character is two
/// columns).
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_owned();
    out.push_str(&" ".repeat(columns.saturating_sub(width(text)).max(1)));
    out
}

fn line(out: &mut String, depth: usize, text: &str) {
    out.push_str(&"  ".repeat(depth));
    out.push_str(text);
    out.push('\n');
}

fn comment(out: &mut String, depth: usize, text: &str) {
    line(out, depth, &format!("# {text}"));
}
