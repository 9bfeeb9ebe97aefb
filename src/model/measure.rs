//! Units of measure (计量单位), their dimensions and exact conversions: one table.

use rust_decimal::Decimal;
use serde::Serialize;

/// What a unit measures. Two quantities compare only within one dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Dimension {
    /// 百分比, 千分比.
    Ratio,
    /// 个百分点: a difference of two ratios.
    PercentagePoint,
    /// Things counted with a measure word (个, 家, 册 …).
    Count,
    /// 秒, 分钟, 小时, 天, 周.
    Duration,
    /// 个月, 季度, 年: calendar spans, not convertible to days exactly.
    CalendarSpan,
    /// 工作日: not convertible to calendar time.
    WorkingDays,
    Money,
    Area,
    Length,
    /// 分: a score on a points scale.
    Score,
    Data,
    Bandwidth,
}

/// A unit of measure: its canonical symbol and dimension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub symbol: &'static str,
    pub dimension: Dimension,
}

struct UnitDef {
    symbol: &'static str,
    spellings: &'static [&'static str],
    dimension: Dimension,
    /// How many base units of the dimension one of this unit is, as (mantissa, scale).
    factor: (i64, u32),
}

const fn def(
    symbol: &'static str,
    spellings: &'static [&'static str],
    dimension: Dimension,
    factor: (i64, u32),
) -> UnitDef {
    UnitDef {
        symbol,
        spellings,
        dimension,
        factor,
    }
}

use Dimension::*;

/// Every unit the value grammar reads. Counting words all have factor 1 and compare only with
/// themselves (and with the generic 个 / 项).
static UNITS: &[UnitDef] = &[
    def("%", &["%", "％", "百分比"], Ratio, (1, 0)),
    def("‰", &["‰"], Ratio, (1, 1)),
    def("个百分点", &["个百分点"], PercentagePoint, (1, 0)),
    def("秒", &["秒", "秒钟", "s"], Duration, (1, 0)),
    def("分钟", &["分钟", "min"], Duration, (60, 0)),
    def("小时", &["小时", "h"], Duration, (3600, 0)),
    def("天", &["天", "日"], Duration, (86_400, 0)),
    def("周", &["周"], Duration, (604_800, 0)),
    def("个月", &["个月"], CalendarSpan, (1, 0)),
    def("季度", &["季度"], CalendarSpan, (3, 0)),
    def("年", &["年"], CalendarSpan, (12, 0)),
    def("工作日", &["工作日", "个工作日"], WorkingDays, (1, 0)),
    def("元", &["元"], Money, (1, 0)),
    def("千元", &["千元"], Money, (1_000, 0)),
    def("万元", &["万元"], Money, (10_000, 0)),
    def("亿元", &["亿元"], Money, (100_000_000, 0)),
    def("平方米", &["平方米", "㎡", "m²", "m2"], Area, (1, 0)),
    def("平方公里", &["平方公里", "平方千米"], Area, (1_000_000, 0)),
    def("米", &["米", "M", "m"], Length, (1, 0)),
    def("公里", &["公里", "千米", "km"], Length, (1_000, 0)),
    def("分", &["分"], Score, (1, 0)),
    def("GB", &["GB"], Data, (1, 0)),
    def("TB", &["TB"], Data, (1_024, 0)),
    def("Mbps", &["Mbps"], Bandwidth, (1, 0)),
];

/// Measure words for counted things, as the grammar spells them.
static COUNT_WORDS: &[&str] = &[
    "人次", "户次", "次", "个", "家", "份", "篇次", "篇", "册", "场", "台", "套", "辆", "人", "位",
    "期", "条", "本", "户", "件", "项", "所", "座", "间", "张", "部", "批", "处", "名", "支", "款",
    "门", "节", "课时", "学时", "页", "字",
];

/// Counting words that stand for any thing counted.
pub const GENERIC_COUNTS: &[&str] = &["个", "项"];

/// Reads a unit as written; `None` for a spelling the table does not know.
pub fn unit(spelling: &str) -> Option<Unit> {
    if let Some(def) = UNITS.iter().find(|d| d.spellings.contains(&spelling)) {
        return Some(Unit {
            symbol: def.symbol,
            dimension: def.dimension,
        });
    }
    COUNT_WORDS.iter().find(|w| **w == spelling).map(|w| Unit {
        symbol: w,
        dimension: Count,
    })
}

/// Every unit's canonical symbol with its dimension (completion, hover).
pub fn unit_symbols() -> Vec<(&'static str, Dimension)> {
    let measured = UNITS.iter().map(|d| (d.symbol, d.dimension));
    measured
        .chain(COUNT_WORDS.iter().map(|w| (*w, Count)))
        .collect()
}

impl Unit {
    /// How many base units of the dimension one of this unit is (1 for counts).
    pub fn factor(&self) -> Decimal {
        UNITS
            .iter()
            .find(|d| d.symbol == self.symbol)
            .map_or(Decimal::ONE, |d| Decimal::new(d.factor.0, d.factor.1))
    }

    /// Whether a value in this unit can be compared with one in `other`, exactly.
    pub fn comparable(&self, other: &Unit) -> bool {
        if self.dimension != other.dimension {
            return false;
        }
        if self.dimension != Count {
            return true;
        }
        self.symbol == other.symbol
            || GENERIC_COUNTS.contains(&self.symbol)
            || GENERIC_COUNTS.contains(&other.symbol)
    }

    /// `value` in this unit expressed in `other`, exactly; `None` if not comparable.
    pub fn convert(&self, value: Decimal, other: &Unit) -> Option<Decimal> {
        if !self.comparable(other) {
            return None;
        }
        value
            .checked_mul(self.factor())
            .and_then(|v| v.checked_div(other.factor()))
    }
}

/// Magnitude words before a unit: 3万册 is 30 000 册.
pub fn magnitude(word: &str) -> Option<Decimal> {
    let factor: i64 = match word {
        "十" => 10,
        "百" => 100,
        "千" => 1_000,
        "万" => 10_000,
        "十万" => 100_000,
        "百万" => 1_000_000,
        "千万" => 10_000_000,
        "亿" => 100_000_000,
        _ => return None,
    };
    Some(Decimal::from(factor))
}

/// A period of a rate (`/年`, `每季度`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Period {
    #[serde(rename = "年")]
    Year,
    #[serde(rename = "半年")]
    HalfYear,
    #[serde(rename = "季度")]
    Quarter,
    #[serde(rename = "月")]
    Month,
    #[serde(rename = "周")]
    Week,
    #[serde(rename = "天")]
    Day,
}

impl Period {
    pub fn read(word: &str) -> Option<Period> {
        Some(match word {
            "年" | "年度" => Period::Year,
            "半年" => Period::HalfYear,
            "季度" | "季" => Period::Quarter,
            "月" | "个月" => Period::Month,
            "周" => Period::Week,
            "天" | "日" => Period::Day,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::Year => "年",
            Period::HalfYear => "半年",
            Period::Quarter => "季度",
            Period::Month => "月",
            Period::Week => "周",
            Period::Day => "天",
        }
    }
}
