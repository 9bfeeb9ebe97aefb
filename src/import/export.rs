//! A spec back to the template shape: one row per indicator, with rows of their own for the
//! department's and each unit's budget and for projects without indicators, so importing the
//! export yields the same model. Amounts are written as text, exactly, never as floats.

use rust_xlsxwriter::{Format, Workbook};

use super::columns::Field;
use crate::model::{Budget, Fund, Indicator, Project, Spec};

/// The exported columns, in order.
pub const COLUMNS: [Field; 14] = [
    Field::Year,
    Field::Department,
    Field::Agency,
    Field::Project,
    Field::Classified,
    Field::Amount(Fund::Total),
    Field::Amount(Fund::Fiscal),
    Field::Amount(Fund::Special),
    Field::Amount(Fund::Other),
    Field::Goal,
    Field::Level1,
    Field::Level2,
    Field::Name,
    Field::Value,
];

/// The header row and one row per indicator (and per budget line without one).
pub fn rows(spec: &Spec) -> Vec<Vec<String>> {
    let mut rows = vec![COLUMNS.iter().map(|f| f.heading().to_owned()).collect()];
    for department in &spec.departments {
        let year = department.year.map(|y| y.to_string()).unwrap_or_default();
        let base = |agency: &str, project: &str| {
            let mut row = vec![String::new(); COLUMNS.len()];
            row[0].clone_from(&year);
            row[1].clone_from(&department.name);
            row[2] = agency.to_owned();
            row[3] = project.to_owned();
            row
        };
        let mut row = base("", "");
        amounts(&mut row, &department.budget);
        rows.push(row);
        for agency in &department.agencies {
            let mut row = base(&agency.name, "");
            amounts(&mut row, &agency.budget);
            rows.push(row);
            for project in &agency.projects {
                project_rows(&mut rows, base(&agency.name, &project.name), project);
            }
        }
    }
    rows
}

fn project_rows(rows: &mut Vec<Vec<String>>, base: Vec<String>, project: &Project) {
    let mut first = base.clone();
    if project.classified {
        first[4] = "是".to_owned();
    }
    amounts(&mut first, &project.budget);
    first[9] = project.goal.clone().unwrap_or_default();
    let mut indicators = project.indicators.iter();
    match indicators.next() {
        Some(indicator) => {
            indicator_cells(&mut first, indicator);
            rows.push(first);
        }
        None => rows.push(first),
    }
    for indicator in indicators {
        let mut row = base.clone();
        indicator_cells(&mut row, indicator);
        rows.push(row);
    }
}

fn amounts(row: &mut [String], budget: &Budget) {
    for (i, fund) in Fund::ALL.iter().enumerate() {
        if let Some(amount) = budget.get(*fund) {
            row[5 + i] = amount.value.to_string();
        }
    }
}

fn indicator_cells(row: &mut [String], indicator: &Indicator) {
    row[10] = indicator.category.level1.label().to_owned();
    row[11] = indicator
        .category
        .level2
        .and_then(|l| serde_json::to_value(l).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    row[12].clone_from(&indicator.name);
    row[13].clone_from(&indicator.target.text);
}

/// CSV bytes: UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly.
pub fn to_csv(rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::from("\u{FEFF}".as_bytes()));
    for row in rows {
        writer.write_record(row).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// XLSX bytes: one worksheet, every cell text.
pub fn to_xlsx(rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("绩效目标").map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).map_err(|e| e.to_string())?;
        for (c, text) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|e| e.to_string())?;
            if r == 0 {
                sheet.write_string_with_format(r, c, text, &bold)
            } else {
                sheet.write_string(r, c, text)
            }
            .map_err(|e| e.to_string())?;
        }
    }
    for (c, width) in [(3u16, 30.0), (9, 40.0), (12, 30.0), (13, 24.0)] {
        sheet
            .set_column_width(c, width)
            .map_err(|e| e.to_string())?;
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}
