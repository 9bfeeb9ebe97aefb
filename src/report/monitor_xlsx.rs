//! `jixiao monitor --format xlsx`: the national 绩效运行监控表 as a workbook, one row per
//! indicator under its project's budget execution, with the columns of the 一体化 monitoring
//! record (绩效目标, 项目预算执行情况, 一/二/三级指标, 指标值, 绩效指标完成情况, 偏差原因分析,
//! 完成目标可能性, 全年预计完成情况, 整改措施) and each light filled in its colour.

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};

use crate::eval::monitor::{Light, Monitoring};

const HEADERS: [&str; 21] = [
    "预算单位",
    "项目名称",
    "绩效目标",
    "预算数（万元）",
    "执行数（万元）",
    "预算执行率",
    "执行预警",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "年初指标值",
    "标准值",
    "绩效指标完成情况",
    "完成比",
    "偏差度",
    "预警",
    "偏差原因分析",
    "完成目标可能性",
    "全年预计完成情况",
    "整改措施",
];

fn fill(light: Light) -> Option<Color> {
    match light {
        Light::Red => Some(Color::RGB(0xF4_8C_8C)),
        Light::Yellow => Some(Color::RGB(0xFF_E6_80)),
        Light::Green => Some(Color::RGB(0xA8_DC_A8)),
        Light::Blue => Some(Color::RGB(0x9C_C3_F0)),
        Light::None => None,
    }
}

fn percent(value: Option<rust_decimal::Decimal>) -> String {
    value.map_or(String::new(), |v| format!("{}%", v.round_dp(2).normalize()))
}

/// The workbook's bytes; `Err` says why it could not be written.
pub fn render(monitoring: &Monitoring) -> Result<Vec<u8>, String> {
    let error = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("绩效运行监控表").map_err(error)?;
    let bold = Format::new().set_bold().set_border(FormatBorder::Thin);
    let plain = Format::new().set_border(FormatBorder::Thin);
    let title = format!(
        "绩效运行监控表（截至 {}；{}）",
        monitoring.as_of.label(),
        monitoring.rule_text
    );
    sheet
        .write_string_with_format(0, 0, &title, &Format::new().set_bold())
        .map_err(error)?;
    for (c, header) in (0u16..).zip(HEADERS) {
        sheet
            .write_string_with_format(1, c, header, &bold)
            .map_err(error)?;
    }
    let mut r: u32 = 2;
    for project in &monitoring.projects {
        let e = project.execution.as_ref();
        let amount = |v: Option<rust_decimal::Decimal>| v.map_or(String::new(), |v| v.to_string());
        for row in &project.indicators {
            let (level1, level2) = row
                .category
                .split_once('/')
                .unwrap_or((row.category.as_str(), ""));
            let reason = match (&row.reason_category, &row.reason) {
                (Some(c), Some(r)) => format!("{c}：{r}"),
                (None, Some(r)) => r.clone(),
                _ if matches!(row.light, Light::Red | Light::Yellow) => String::new(),
                _ => "无偏差".to_owned(),
            };
            let light = match &row.note {
                Some(note) => format!("{}（{note}）", row.light.label()),
                None => row.light.label().to_owned(),
            };
            let cells: [String; 21] = [
                project.agency.clone(),
                project.name.clone(),
                project.goal.clone().unwrap_or_default(),
                amount(e.and_then(|e| e.budget)),
                amount(e.and_then(|e| e.spent)),
                e.map_or(String::new(), |e| format!("{}%", e.rate.normalize())),
                e.map_or(String::new(), |e| e.light.label().to_owned()),
                level1.to_owned(),
                level2.to_owned(),
                row.name.clone(),
                row.target.clone(),
                row.initial.clone().unwrap_or_default(),
                row.standard.clone().unwrap_or_default(),
                row.actual.clone().unwrap_or_default(),
                percent(row.ratio),
                percent(row.deviation),
                light,
                reason,
                row.likelihood.clone().unwrap_or_default(),
                row.forecast.clone().unwrap_or_default(),
                row.measures.clone().unwrap_or_default(),
            ];
            for (c, text) in (0u16..).zip(&cells) {
                let lit = match c {
                    6 => e.and_then(|e| fill(e.light)),
                    16 => fill(row.light),
                    _ => None,
                };
                let format = match lit {
                    Some(color) => plain.clone().set_background_color(color),
                    None => plain.clone(),
                };
                sheet
                    .write_string_with_format(r, c, text, &format)
                    .map_err(error)?;
            }
            r += 1;
        }
    }
    for (c, width) in [
        (1u16, 28.0),
        (2, 40.0),
        (9, 26.0),
        (10, 16.0),
        (17, 36.0),
        (20, 30.0),
    ] {
        sheet.set_column_width(c, width).map_err(error)?;
    }
    workbook.save_to_buffer().map_err(error)
}
