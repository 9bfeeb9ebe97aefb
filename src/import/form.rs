//! The parts of a sheet around the indicator rows, as the national forms lay them out: header
//! rows (one or two, wherever they are), the project-info block above them (项目名称, 主管部门,
//! 实施单位, the funds block with its unit, 年度目标, a title with the year), and the rows that end
//! a block (填报人, 联系电话, 审核人 … and totals).

use rust_decimal::Decimal;

use super::columns::{Columns, Field, WEAK_NAME, normalize, without_brackets};
use super::sheet::SheetRow;
use crate::model::Fund;
use crate::model::quantity::parse_number;

/// Which column holds each field (the first one, when a heading repeats).
#[derive(Clone, Debug, Default)]
pub struct FieldMap {
    pub fields: Vec<(Field, usize)>,
    /// The heading of a column taken for the values without saying so.
    pub guessed_value: Option<String>,
}

impl FieldMap {
    pub fn insert(&mut self, field: Field, column: usize) {
        if !self.contains(field) {
            self.fields.push((field, column));
        }
    }

    pub fn contains(&self, field: Field) -> bool {
        self.column(field).is_some()
    }

    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| *c)
    }

    /// Whether the rows give this field: a 二级 column gives the 一级 too (数量指标 is 产出).
    pub fn provides(&self, field: Field) -> bool {
        self.contains(field) || (field == Field::Level1 && self.contains(Field::Level2))
    }

    pub fn owns(&self, column: usize) -> bool {
        self.fields.iter().any(|(_, c)| *c == column)
    }
}

/// What the headings of one row name: the map, and whether a name column other than the weak
/// `绩效指标` was found.
fn fields(row: &SheetRow, columns: &Columns) -> (FieldMap, bool) {
    let mut map = FieldMap::default();
    let mut weak = None;
    for (column, heading) in row.cells.iter().enumerate() {
        if without_brackets(&normalize(heading)) == WEAK_NAME {
            weak.get_or_insert(column);
            continue;
        }
        if let Some(field) = columns.field(heading) {
            map.insert(field, column);
        }
    }
    let strong = map.contains(Field::Name);
    if let Some(column) = weak
        && !strong
    {
        map.insert(Field::Name, column);
    }
    // A 一级 heading merged over two columns (`项目类别` over 一级 and 二级): the second is 二级.
    if let Some(level1) = map.column(Field::Level1)
        && !map.contains(Field::Level2)
        && !map.owns(level1 + 1)
        && row.cell(level1 + 1) == row.cell(level1)
    {
        map.insert(Field::Level2, level1 + 1);
    }
    // No 一级 heading: the headed columns left of the name column hold the categories
    // (`评价指标 | 评价内容 | 指标名称`).
    if !map.contains(Field::Level1)
        && let Some(name) = map.column(Field::Name)
        && strong
    {
        let free: Vec<usize> = (0..name)
            .filter(|c| !map.owns(*c) && !row.cell(*c).is_empty())
            .collect();
        if let Some(first) = free.first() {
            map.insert(Field::Level1, *first);
        }
        if let Some(second) = free.get(1)
            && !map.contains(Field::Level2)
        {
            map.insert(Field::Level2, *second);
        }
    }
    // No value heading, but columns after the others with headings of their own (one per town
    // of a 区域目标值 table, `西坪镇尧山村 | 桃舟乡吾培村 …`): the first of them holds the values.
    if !map.contains(Field::Value)
        && let Some(name) = map.column(Field::Name)
        && strong
    {
        let last = map.fields.iter().map(|(_, c)| *c).max().unwrap_or(name);
        if let Some(first) = (last + 1..row.cells.len()).find(|c| !row.cell(*c).is_empty())
            && columns.field(row.cell(first)).is_none()
        {
            map.insert(Field::Value, first);
            map.guessed_value = Some(row.cell(first).to_owned());
        }
    }
    (map, strong)
}

/// A header: the row it ends on (indicators follow it), its rows and what each column holds.
#[derive(Clone, Debug)]
pub struct Header {
    /// Index of the last header row.
    pub last: usize,
    /// Index of the first header row.
    pub first: usize,
    pub map: FieldMap,
}

/// Whether row `i` starts a header: a row naming an indicator's name column (or the 一级 column)
/// and one more field; a second such row right below it is the lower header row (`一级指标 | 二级指标
/// | 三级指标 | 指标性质 | 指标值 | 度量单位` under `绩效指标 | 年度指标值 …`), and a row right above
/// it whose headings this one lacks is the upper one.
pub fn header_at(rows: &[SheetRow], i: usize, columns: &Columns) -> Option<Header> {
    let (map, strong) = fields(&rows[i], columns);
    let qualifies = |map: &FieldMap, strong: bool| {
        (strong || map.contains(Field::Level1) || map.contains(Field::Value))
            && map.contains(Field::Name)
            && map.fields.len() >= 2
    };
    if !qualifies(&map, strong) {
        return None;
    }
    let mut header = Header {
        last: i,
        first: i,
        map,
    };
    let below = rows.get(i + 1).map(|r| fields(r, columns));
    if let Some((lower, lower_strong)) = below
        && qualifies(&lower, lower_strong)
        && lower_strong
        && (lower.contains(Field::Level1) || !strong)
    {
        let mut map = combine(lower, &header.map);
        value_under_group(&mut map, rows, i);
        header = Header {
            last: i + 1,
            first: i,
            map,
        };
    } else if i > 0 {
        let (upper, _) = fields(&rows[i - 1], columns);
        let adds = upper
            .fields
            .iter()
            .any(|(f, c)| !header.map.contains(*f) && !header.map.owns(*c) && *f != Field::Name);
        if adds && !upper.contains(Field::Project) {
            header.first = i - 1;
            header.map = combine(header.map, &upper);
        }
    }
    if !strong {
        shifted_levels(&mut header.map, &rows[header.last + 1..]);
    }
    Some(header)
}

/// `绩效指标 | 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值`, where the 一级 column holds the
/// 二级 labels (数量指标 …) and the 二级 column the indicators' names: the headings sit one level
/// too high. Seen in the data: the name column (the weak `绩效指标`, or none) is empty in every
/// row while the 二级 column is filled.
fn shifted_levels(map: &mut FieldMap, data: &[SheetRow]) {
    let (Some(level1), Some(level2)) = (map.column(Field::Level1), map.column(Field::Level2))
    else {
        return;
    };
    let name = map.column(Field::Name);
    let rows: Vec<&SheetRow> = data.iter().take(30).filter(|r| !r.is_blank()).collect();
    let filled = |c: Option<usize>| {
        rows.iter()
            .filter(|r| c.is_some_and(|c| !r.cell(c).is_empty()))
            .count()
    };
    if rows.is_empty() || filled(name) > 0 || filled(Some(level2)) * 2 < rows.len() {
        return;
    }
    map.fields
        .retain(|(f, _)| !matches!(f, Field::Level1 | Field::Level2 | Field::Name));
    map.insert(Field::Level2, level1);
    map.insert(Field::Name, level2);
}

/// A `预期指标值` heading merged over sub-headings that claim all its columns (`符号 | 单位(文字描述)`,
/// the second merged over two): the value is the column of the group whose cells below are
/// numbers, and a unit heading over it moves to the group's next column.
fn value_under_group(map: &mut FieldMap, rows: &[SheetRow], upper: usize) {
    if map.contains(Field::Value) {
        return;
    }
    let (groups, _) = fields(&rows[upper], &Columns::default());
    let Some(first) = groups.column(Field::Value) else {
        return;
    };
    let heading = rows[upper].cell(first);
    let span: Vec<usize> = (first..rows[upper].cells.len())
        .take_while(|c| rows[upper].cell(*c) == heading)
        .filter(|c| map.column(Field::Operator) != Some(*c))
        .collect();
    let data = &rows[(upper + 2).min(rows.len())..];
    let numbers = |c: usize| {
        data.iter()
            .take(30)
            .filter(|r| parse_number(r.cell(c).trim_end_matches('%')).is_some())
            .count()
    };
    let Some(value) = span
        .iter()
        .copied()
        .filter(|c| numbers(*c) > 0)
        .max_by_key(|c| (numbers(*c), std::cmp::Reverse(*c)))
    else {
        return;
    };
    if map.column(Field::Unit) == Some(value) {
        map.fields.retain(|(f, _)| *f != Field::Unit);
        if let Some(next) = span.iter().find(|c| **c > value && !map.owns(**c)) {
            map.insert(Field::Unit, *next);
        }
    }
    map.fields.retain(|(_, c)| *c != value);
    map.insert(Field::Value, value);
}

/// The lower row's fields, then the upper row's for the columns and fields the lower lacks.
fn combine(mut lower: FieldMap, upper: &FieldMap) -> FieldMap {
    if lower.guessed_value.is_some() && upper.contains(Field::Value) {
        lower.fields.retain(|(f, _)| *f != Field::Value);
    }
    for (field, column) in &upper.fields {
        if !lower.contains(*field) && !lower.owns(*column) {
            lower.fields.push((*field, *column));
        }
    }
    if upper.contains(Field::Value) && upper.guessed_value.is_none() {
        lower.guessed_value = None;
    }
    lower
}

/// Labels of the info block, each with what it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Project,
    Department,
    Agency,
    Goal,
    /// 实施期目标 of a multi-year project.
    TermGoal,
    /// 实际完成情况 and other labels whose value is not imported.
    Other,
}

const LABELS: &[(&str, Label)] = &[
    ("项目名称", Label::Project),
    ("专项名称", Label::Project),
    ("项目支出名称", Label::Project),
    ("二级项目名称", Label::Project),
    ("一级项目名称", Label::Other),
    ("项目(专项)名称", Label::Project),
    ("专项资金名称", Label::Project),
    ("主管部门", Label::Department),
    ("部门名称", Label::Department),
    ("部门", Label::Department),
    ("预算部门", Label::Department),
    ("主管部门及代码", Label::Department),
    ("实施单位", Label::Agency),
    ("预算单位", Label::Agency),
    ("单位名称", Label::Agency),
    ("预算单位名称", Label::Agency),
    ("项目实施单位", Label::Agency),
    ("预期目标", Label::Goal),
    ("年度目标", Label::Goal),
    ("项目年度目标", Label::Goal),
    ("年度绩效目标", Label::Goal),
    ("年度总体目标", Label::Goal),
    ("总体目标", Label::Goal),
    ("年度绩效总目标", Label::Goal),
    ("绩效目标", Label::Goal),
    ("实际完成情况", Label::Other),
    ("年度目标完成情况", Label::Other),
    ("项目负责人", Label::Other),
    ("项目负责人及电话", Label::Other),
    ("联系人", Label::Other),
    ("联系电话", Label::Other),
    ("部门编码", Label::Other),
    ("项目属性", Label::Other),
    ("项目类型", Label::Other),
    ("项目期限", Label::Other),
    ("资金情况", Label::Other),
    ("项目资金", Label::Other),
    ("实施期目标", Label::TermGoal),
    ("实施期绩效目标", Label::TermGoal),
    ("项目实施期目标", Label::TermGoal),
    ("部门职能职责概述", Label::Other),
];

fn label(cell: &str) -> Option<Label> {
    let text = without_brackets(&normalize(cell));
    let text = text.trim_end_matches(':');
    LABELS.iter().find(|(l, _)| *l == text).map(|(_, k)| *k)
}

/// `项目名称：委托业务项目` in one cell: the label and the value.
/// Also a name's label glued to its value, as a table flattened without separators writes it
/// (`项目名称农村义务教育薄弱学校改造补助资金`): only the labels of a project, a department or a
/// unit, four characters or more, so no indicator's name (`绩效目标完成率`) reads as one.
fn label_with_value(cell: &str) -> Option<(Label, String)> {
    if let Some((head, value)) = cell.split_once([':', '：'])
        && let Some(kind) = label(head)
    {
        let value = value.trim();
        return (!value.is_empty()).then(|| (kind, value.to_owned()));
    }
    let text = cell.trim();
    LABELS
        .iter()
        .filter(|(l, kind)| {
            matches!(kind, Label::Project | Label::Department | Label::Agency)
                && l.chars().count() >= 4
                && text.len() > l.len()
                && text.starts_with(l)
        })
        .max_by_key(|(l, _)| l.len())
        .map(|(l, kind)| (*kind, text[l.len()..].trim().to_owned()))
}

/// A label of the info block standing alone (`项目名称`, `资金总额`): its value is the next cell.
pub fn is_info_label(cell: &str) -> bool {
    label(cell).is_some() || fund_of(&normalize(cell)).is_some_and(|_| !has_digit(cell))
}

/// A label of the info block with its value in the same cell (`项目名称：…`, `资金总额：30万元`).
pub fn is_labelled(cell: &str) -> bool {
    label_with_value(cell).is_some()
        || cell
            .split_once([':', '：'])
            .is_some_and(|(head, rest)| fund_of(&normalize(head)).is_some() && has_digit(rest))
}

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

/// What the rows above a header say about the project.
#[derive(Clone, Debug, Default)]
pub struct Info {
    pub project: Option<String>,
    pub department: Option<String>,
    pub agency: Option<String>,
    pub goal: Option<String>,
    pub term_goal: Option<String>,
    pub year: Option<u32>,
    /// The title (`项目支出绩效自评表`), for notes.
    pub title: Option<String>,
    /// Budget amounts in 万元, as (fund, text as written, value in 万元).
    pub budget: Vec<(Fund, String, Decimal)>,
    /// 年初预算数, 全年预算数, 全年执行数, 执行率, 执行率得分 of the total row, as written.
    pub figures: Vec<(&'static str, String)>,
    /// The unit amounts were written in (`万元` or `元`).
    pub money_unit: Option<&'static str>,
    /// Where the project's name is: (1-based row, 0-based column).
    pub project_cell: Option<(usize, usize)>,
    /// Where the 总计 of the funds block is: (1-based row, 0-based column).
    pub total_cell: Option<(usize, usize)>,
}

/// Whether a row holds a label of the info block: the start of the next project's block.
pub fn is_info_row(row: &SheetRow) -> bool {
    is_title_row(row)
        || row.cells.iter().any(|c| {
            matches!(
                label(c).or_else(|| label_with_value(c).map(|(l, _)| l)),
                Some(Label::Project)
            )
        })
}

/// A form's title (`省级部门预算项目支出绩效目标表(2023年度)`), alone in its row (merged across it or
/// not): the next form of a sheet with several starts here.
fn is_title_row(row: &SheetRow) -> bool {
    let mut texts = row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let Some(first) = texts.next() else {
        return false;
    };
    let bare = without_brackets(&normalize(first));
    texts.all(|t| t == first) && bare.contains("绩效") && bare.ends_with('表')
}

/// The words that end the indicator rows of a block: sign-offs, notes, totals and the furniture
/// of a web page after its table.
const STOPS: &[&str] = &[
    "填报人",
    "填表人",
    "联系电话",
    "联系人",
    "审核人",
    "填报日期",
    "填表日期",
    "单位负责人",
    "财务负责人",
    "项目负责人",
    "负责人",
    "注:",
    "说明:",
    "备注:",
    "评价结论",
    "存在问题",
    "改进措施",
    "总分",
    "合计",
    "总计",
    "自评得分",
    "其他需要说明",
    "其他说明",
    // A web page's furniture after its table.
    "附件",
    "[打印]",
    "打印本页",
    "[关闭]",
    "关闭窗口",
    "扫一扫",
];

/// Whether a row ends the indicator rows: its first cell with text starts with a sign-off word
/// (`填报人：`, `注：`) or is a total (`总分`, `合计`).
pub fn is_stop_row(row: &SheetRow) -> bool {
    let Some(first) = row
        .cells
        .iter()
        .map(|c| normalize(c))
        .find(|c| !c.is_empty())
    else {
        return false;
    };
    STOPS.iter().any(|s| {
        if s.ends_with(':') || matches!(*s, "总分" | "合计" | "总计") {
            first == s.trim_end_matches(':') || first.starts_with(s)
        } else {
            first.starts_with(s)
        }
    })
}

/// An empty template row: `指标1:` or `…` with nothing else.
pub fn is_template_row(name: &str, value: &str) -> bool {
    if !value.trim().is_empty() {
        return false;
    }
    let name = normalize(name);
    let bare = name
        .trim_start_matches("指标")
        .trim_end_matches(':')
        .trim_matches(|c: char| c.is_ascii_digit());
    name.is_empty() || bare.is_empty() || matches!(name.as_str(), "…" | "..." | "……" | "/" | "-")
}

/// Reads the info block: labels with their values to the right (or below, for a goal whose
/// label heads a column), the funds block and the title.
pub fn info(rows: &[SheetRow]) -> Info {
    let mut info = Info::default();
    let mut funds: Option<Funds> = None;
    for (r, row) in rows.iter().enumerate() {
        if info.year.is_none() {
            info.year = title_year(row);
        }
        let texts: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if info.title.is_none()
            && texts.first().is_some_and(|t| t.contains('表'))
            && texts.iter().all(|t| *t == texts[0])
        {
            info.title = Some(texts[0].to_owned());
        }
        if let Some(found) = Funds::header(row) {
            funds = Some(found);
            if info.money_unit.is_none() {
                info.money_unit = money_unit(row);
            }
            continue;
        }
        if let Some(funds) = &funds
            && funds.row(row, &mut info)
        {
            continue;
        }
        for (c, cell) in row.cells.iter().enumerate() {
            let (kind, value) = match label(cell) {
                Some(kind) => (kind, value_right(row, c)),
                None => match label_with_value(cell) {
                    Some((kind, value)) => (kind, Some((row.number, c, value))),
                    None => continue,
                },
            };
            let value = match (kind, value) {
                (Label::Goal | Label::TermGoal, None) => value_below(rows, r, c),
                (_, value) => value,
            };
            let Some((at_row, at_column, value)) = value else {
                continue;
            };
            if kind == Label::Project && info.project.is_none() {
                info.project_cell = Some((at_row, at_column));
            }
            let slot = match kind {
                Label::Project => &mut info.project,
                Label::Department => &mut info.department,
                Label::Agency => &mut info.agency,
                Label::Goal => &mut info.goal,
                Label::TermGoal => &mut info.term_goal,
                Label::Other => continue,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        if info.money_unit.is_none() {
            info.money_unit = money_unit(row);
        }
        // A funds row without a funds header (`年度资金总额 | 854万`).
        if funds.is_none() {
            loose_amount(row, &mut info);
        }
    }
    info
}

/// The next cell to the right with other text than the label's, unless it is itself a label;
/// with its row number and column.
fn value_right(row: &SheetRow, column: usize) -> Option<(usize, usize, String)> {
    let here = row.cell(column);
    row.cells
        .iter()
        .enumerate()
        .skip(column + 1)
        .map(|(c, text)| (c, text.trim()))
        .find(|(_, c)| !c.is_empty() && *c != here)
        .filter(|(_, c)| label(c).is_none())
        .map(|(c, text)| (row.number, c, text.to_owned()))
}

/// The cell below a column label (`预期目标` over the goal text).
fn value_below(rows: &[SheetRow], r: usize, column: usize) -> Option<(usize, usize, String)> {
    let next = rows.get(r + 1)?;
    let below = next.cell(column);
    (!below.is_empty() && label(below).is_none() && below != rows[r].cell(column))
        .then(|| (next.number, column, below.to_owned()))
}

/// `（2022年度）`, `2023年项目支出绩效目标表`: the year of a title row.
fn title_year(row: &SheetRow) -> Option<u32> {
    let text: String = row.cells.iter().map(|c| c.trim()).collect();
    if !(text.contains("年度") || text.contains('表') || text.contains("绩效")) {
        return None;
    }
    if row.cells.iter().any(|c| label(c).is_some()) {
        return None;
    }
    year_in(&text)
}

/// The first `20xx年` (or `19xx年`) in a text.
pub fn year_in(text: &str) -> Option<u32> {
    year_at(text).map(|(_, year)| year)
}

/// The first year in a text with the index of the character it starts at: four digits (not
/// starting with 0) before `年`, between 1990 and 2100.
pub fn year_at(text: &str) -> Option<(usize, u32)> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).enumerate().find_map(|(at, w)| {
        let digits: String = w[..4].iter().collect();
        (w[4] == '年' && w[..4].iter().all(char::is_ascii_digit) && w[0] != '0')
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
            .map(|year| (at, year))
    })
}

/// The money unit a row declares: `(万元)`, `单位：元`, a heading ending in `元)`.
pub fn money_unit(row: &SheetRow) -> Option<&'static str> {
    for cell in &row.cells {
        let text = normalize(cell);
        if text.contains("(万元)") || text.contains("单位:万元") || text.ends_with("万元)")
        {
            return Some("万元");
        }
        if text.contains("(元)") || text.contains("单位:元") {
            return Some("元");
        }
    }
    None
}

/// The columns of a funds block: `年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分`.
#[derive(Clone, Debug)]
struct Funds {
    columns: Vec<(&'static str, usize)>,
}

const FUND_HEADINGS: &[(&str, &[&str])] = &[
    (
        "年初预算数",
        &["年初预算数", "年初预算", "年度预算数", "年初预算数(万元)"],
    ),
    (
        "全年预算数",
        &["全年预算数", "调整后预算数", "全年预算", "调整后预算"],
    ),
    (
        "全年执行数",
        &["全年执行数", "预算执行数", "全年执行", "实际执行数"],
    ),
    ("执行率", &["执行率", "预算执行率"]),
    ("分值", &["分值", "权重"]),
    ("执行率得分", &["得分"]),
];

impl Funds {
    fn header(row: &SheetRow) -> Option<Funds> {
        let mut columns = Vec::new();
        for (c, cell) in row.cells.iter().enumerate() {
            let text = normalize(cell);
            if let Some((name, _)) = FUND_HEADINGS
                .iter()
                .find(|(_, words)| words.iter().any(|w| *w == text))
                && !columns.iter().any(|(n, _)| n == name)
            {
                columns.push((*name, c));
            }
        }
        let budget = columns
            .iter()
            .any(|(n, _)| matches!(*n, "年初预算数" | "全年预算数" | "全年执行数"));
        (budget && columns.len() >= 2).then_some(Funds { columns })
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
    }

    /// A row of the funds block: which fund its label names, and its amounts.
    fn row(&self, row: &SheetRow, info: &mut Info) -> bool {
        let first = self.columns.iter().map(|(_, c)| *c).min().unwrap_or(0);
        let label: String = row.cells.iter().take(first).map(|c| normalize(c)).collect();
        let Some(fund) = fund_of(&label) else {
            return !label.is_empty() && label.contains("资金");
        };
        let column = self
            .column("全年预算数")
            .or_else(|| self.column("年初预算数"));
        if let Some(column) = column
            && let Some((text, value)) = amount(row.cell(column), info.money_unit)
            && !info.budget.iter().any(|(f, _, _)| *f == fund)
        {
            info.budget.push((fund, text, value));
            if fund == Fund::Total {
                info.total_cell = Some((row.number, column));
            }
        }
        if fund == Fund::Total {
            for (name, column) in &self.columns {
                let text = row.cell(*column);
                if !text.is_empty() && !info.figures.iter().any(|(n, _)| n == name) {
                    let text = match amount(text, info.money_unit) {
                        Some((t, _))
                            if matches!(*name, "年初预算数" | "全年预算数" | "全年执行数") =>
                        {
                            t
                        }
                        _ => text.to_owned(),
                    };
                    info.figures.push((name, text));
                }
            }
        }
        true
    }
}

fn fund_of(label: &str) -> Option<Fund> {
    let label = label.trim_end_matches(':');
    if label.contains("结转") || label.contains("单位资金") || label.contains("自有资金")
    {
        return None;
    }
    if label.contains("财政专户") {
        Some(Fund::Special)
    } else if label.contains("财政拨款") || label.contains("财政资金") {
        Some(Fund::Fiscal)
    } else if label.contains("其他资金") {
        Some(Fund::Other)
    } else if label.contains("资金总额")
        || label.ends_with("总额")
        || label.ends_with("合计")
        || label.ends_with("总计")
        || label == "总额"
    {
        Some(Fund::Total)
    } else {
        None
    }
}

/// A funds row without a funds header: `年度资金总额: | 854万(…)`.
fn loose_amount(row: &SheetRow, info: &mut Info) {
    for (c, cell) in row.cells.iter().enumerate() {
        let Some(fund) = fund_of(&normalize(cell)) else {
            continue;
        };
        if info.budget.iter().any(|(f, _, _)| *f == fund) {
            return;
        }
        // `资金总额:30` in one cell, else the amount to the right.
        let inline = cell
            .split_once([':', '：'])
            .map(|(_, rest)| rest.to_owned());
        let written = inline
            .filter(|rest| amount(rest, info.money_unit).is_some())
            .or_else(|| value_right(row, c).map(|(_, _, t)| t));
        // An amount with its unit (`1,234,567.00元`) says what the block is written in.
        if info.money_unit.is_none() {
            info.money_unit = written.as_deref().and_then(unit_after_number);
        }
        if let Some((text, value)) = written.and_then(|t| amount(&t, info.money_unit)) {
            info.budget.push((fund, text, value));
        }
        // `其中:财政拨款30` further along the row.
        for other in row.cells.iter().skip(c + 1) {
            let label = normalize(other);
            if let Some(fund) = fund_of(
                label
                    .split(':')
                    .next_back()
                    .unwrap_or(&label)
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.'),
            ) && !info.budget.iter().any(|(f, _, _)| *f == fund)
                && let Some(at) = other.find(|c: char| c.is_ascii_digit())
                && let Some((text, value)) = amount(&other[at..], info.money_unit)
            {
                info.budget.push((fund, text, value));
            }
        }
        return;
    }
}

/// The money unit written right after an amount: `1,200元` → 元, `854万元` → 万元.
fn unit_after_number(text: &str) -> Option<&'static str> {
    let text = text.trim();
    let digits =
        text.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
    if digits.len() == text.len() {
        return None;
    }
    let rest = digits.trim_start();
    if rest.starts_with('万') {
        Some("万元")
    } else if rest.starts_with('元') {
        Some("元")
    } else {
        None
    }
}

/// An amount cell in 万元: `89.974`, `854万(…)`, `1,200,000` in a block written in 元 (converted
/// exactly to 万元); `None` for text that is not an amount.
fn amount(text: &str, unit: Option<&str>) -> Option<(String, Decimal)> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-')))
        .map_or(text.len(), |(i, _)| i);
    let (number, rest) = text.split_at(end);
    let value = parse_number(number)?;
    let in_yuan = if rest.starts_with("万") {
        false
    } else if rest.starts_with('元') {
        true
    } else if rest.is_empty() {
        unit == Some("元")
    } else {
        return None;
    };
    let value = if in_yuan {
        value.checked_div(Decimal::from(10_000))?.normalize()
    } else {
        value
    };
    let mut shown = value;
    if shown.scale() < 2 {
        shown.rescale(2);
    }
    Some((shown.to_string(), value))
}

/// The column letters of a 0-based column (`A`, `Z`, `AA`).
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}
