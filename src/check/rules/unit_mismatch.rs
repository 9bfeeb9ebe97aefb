//! `unit-mismatch` (JX0105): a target whose unit does not fit the indicator: not the unit the
//! name notes (`处理时间(分钟)` with 小时), a rate not in %, a 满意度 not in % or 分, or the two
//! ends of a range in units that cannot be compared.

use crate::check::vocabulary::{is_rate, names_share};
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::measure::{self, Dimension};
use crate::model::polarity::unit_note;
use crate::model::words::Words;
use crate::model::{Condition, IndicatorRef, Level1, Quantity, Spec};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for indicator in spec.all_indicators() {
        for clause in indicator.target.clauses() {
            let (bound, ends);
            let values: &[&Quantity] = match &clause.condition {
                Condition::Compare { bound: b, .. } => {
                    bound = [b];
                    &bound
                }
                Condition::Range { low, high, .. } => {
                    found.extend(range_ends(low, high));
                    ends = [low, high];
                    &ends
                }
                _ => continue,
            };
            found.extend(against_name(indicator, clause.subject.as_deref(), values));
        }
    }
    found
}

/// `values` are the quantities of one clause (both ends of a range); the last one carries the
/// unit as written.
fn against_name(
    indicator: IndicatorRef<'_>,
    subject: Option<&str>,
    values: &[&Quantity],
) -> Option<Diagnostic> {
    let q = values.last()?;
    let unit = q.unit.as_ref()?;
    let span = q.unit_span?;
    let name = indicator.name;
    if let Some(noted) = unit_note(name).and_then(measure::unit) {
        if noted.symbol == unit.symbol {
            return None;
        }
        let converted: Option<Vec<_>> = values
            .iter()
            .map(|v| unit.convert(v.value, &noted).map(|c| c.normalize()))
            .collect();
        let rewritten = converted.as_ref().map(|vs| {
            let numbers: Vec<String> = vs.iter().map(ToString::to_string).collect();
            format!("{}{}", numbers.join("-"), noted.symbol)
        });
        let (detail, help) = match &rewritten {
            Some(text) => (
                format!(
                    "指标名称注明单位为「{}」，指标值却以「{}」计",
                    noted.symbol, unit.symbol
                ),
                format!("换算后写作 `{text}`，与名称一致"),
            ),
            None => (
                format!(
                    "指标名称注明单位为「{}」，指标值的单位「{}」无法换算",
                    noted.symbol, unit.symbol
                ),
                format!("用「{}」写指标值，或改正名称中的单位", noted.symbol),
            ),
        };
        let diagnostic = Diagnostic::new(Code::UnitMismatch, span)
            .arg("unit", unit.symbol)
            .arg("detail", detail)
            .arg("help_detail", help);
        let whole = values
            .first()
            .map_or(q.span, |first| first.span.join(q.span));
        let exact = converted.is_some_and(|vs| vs.iter().all(|v| v.scale() <= 2));
        return Some(match rewritten {
            Some(text) if exact => diagnostic.fix(format!("换算为{}", noted.symbol), whole, text),
            _ => diagnostic,
        });
    }
    let satisfaction = indicator.level1() == Some(Level1::Satisfaction) || name.contains("满意度");
    let is_ratio = matches!(
        unit.dimension,
        Dimension::Ratio | Dimension::PercentagePoint
    );
    if satisfaction
        && !is_ratio
        && unit.dimension != Dimension::Score
        && mentions_satisfaction(name, subject)
    {
        return Some(mismatch(
            unit.symbol,
            span,
            format!(
                "满意度「{name}」应以 % 或 分 计，指标值却以「{}」计",
                unit.symbol
            ),
            "满意度写作 `>= 90%` 或 `>= 90分`",
        ));
    }
    if subject.is_none()
        && !names_share(name)
        && let Some(kind) = expected_kind(name)
        && !kind.accepts(unit.dimension)
    {
        return Some(mismatch(
            unit.symbol,
            span,
            format!(
                "「{name}」是{}，指标值却以「{}」计",
                kind.label(),
                unit.symbol
            ),
            kind.help(),
        ));
    }
    if is_rate(name) && !is_ratio && subject.is_none() {
        return Some(mismatch(
            unit.symbol,
            span,
            format!("「{name}」是比率，指标值却以「{}」计", unit.symbol),
            "比率写作百分数，如 `>= 95%`；若要考核数量，请把名称改为“……数量”",
        ));
    }
    None
}

fn mentions_satisfaction(name: &str, subject: Option<&str>) -> bool {
    name.contains("满意") || subject.is_some_and(|s| s.contains("满意"))
}

fn range_ends(low: &Quantity, high: &Quantity) -> Option<Diagnostic> {
    let (a, b) = (low.unit.as_ref()?, high.unit.as_ref()?);
    if a.comparable(b) {
        return None;
    }
    Some(mismatch(
        a.symbol,
        low.unit_span.unwrap_or(low.span),
        format!("区间两端的单位「{}」与「{}」无法比较", a.symbol, b.symbol),
        "区间两端用同一计量单位，如 `15-20家`",
    ))
}

fn mismatch(unit: &str, span: crate::source::Span, detail: String, help: &str) -> Diagnostic {
    Diagnostic::new(Code::UnitMismatch, span)
        .arg("unit", unit)
        .arg("detail", detail)
        .arg("help_detail", help)
}

/// What a name says its value is: a time (按时发放, 完成时限) or an amount of money (物业费).
#[derive(Clone, Copy)]
enum Kind {
    Time,
    Money,
}

/// Words naming when something happens or how long it takes.
static TIME_WORDS: Words = Words::new(&[
    "按时", "及时", "按期", "时限", "时效", "期限", "时间", "工期",
]);

/// Endings naming an amount of money.
const MONEY_ENDINGS: &[&str] = &[
    "费",
    "经费",
    "资金",
    "金额",
    "成本",
    "投资",
    "收入",
    "总投入",
];

fn expected_kind(name: &str) -> Option<Kind> {
    let bare = name.trim_end_matches(['。', '.', ' ']);
    if TIME_WORDS.is_in(bare) {
        return Some(Kind::Time);
    }
    if MONEY_ENDINGS.iter().any(|w| bare.ends_with(w)) {
        return Some(Kind::Money);
    }
    None
}

impl Kind {
    fn accepts(self, dimension: Dimension) -> bool {
        match self {
            Kind::Time => matches!(
                dimension,
                Dimension::Duration
                    | Dimension::CalendarSpan
                    | Dimension::WorkingDays
                    | Dimension::Ratio
            ),
            Kind::Money => matches!(dimension, Dimension::Money | Dimension::UnitCost),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Time => "时间或时限",
            Kind::Money => "金额",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Kind::Time => {
                "时效写完成时间或期限，如 `2023年12月31日前`、`<= 30天`，或写及时率 `>= 95%`"
            }
            Kind::Money => "金额写作 `<= 120万元`；若要考核数量，请把名称改为“……数量”",
        }
    }
}
