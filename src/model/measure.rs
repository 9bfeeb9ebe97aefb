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
    /// 立方米, 升.
    Volume,
    /// 克, 公斤, 吨.
    Mass,
    /// 倍: a multiple of something else.
    Multiple,
    /// A price per thing (元/亩, 元/人): compares only with the same unit, like counts.
    UnitCost,
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
/// themselves (and with the generic 个 / 项). Area counts in fifteenths of a square metre, so
/// that 亩 (10 000 / 15 m²), 公顷 and 平方米 all have whole factors; a conversion between 亩 and
/// 平方米 is still a division by 15.
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
    def(
        "平方米",
        &["平方米", "平米", "㎡", "m²", "m2"],
        Area,
        (15, 0),
    ),
    def("亩", &["亩"], Area, (10_000, 0)),
    def("公顷", &["公顷", "hm²", "hm2"], Area, (150_000, 0)),
    def(
        "平方公里",
        &["平方公里", "平方千米", "km²", "km2"],
        Area,
        (15_000_000, 0),
    ),
    def("毫米", &["毫米", "mm"], Length, (1, 3)),
    def("厘米", &["厘米", "cm"], Length, (1, 2)),
    def("米", &["米", "M", "m"], Length, (1, 0)),
    def("公里", &["公里", "千米", "km"], Length, (1_000, 0)),
    def("立方米", &["立方米", "m³", "m3"], Volume, (1_000, 0)),
    def("升", &["升", "L"], Volume, (1, 0)),
    def("克", &["克", "g"], Mass, (1, 0)),
    def("公斤", &["公斤", "千克", "kg"], Mass, (1_000, 0)),
    def("斤", &["斤"], Mass, (500, 0)),
    def("吨", &["吨", "t"], Mass, (1_000_000, 0)),
    def("倍", &["倍"], Multiple, (1, 0)),
    def("分", &["分"], Score, (1, 0)),
    def("GB", &["GB"], Data, (1, 0)),
    def("TB", &["TB"], Data, (1_024, 0)),
    def("Mbps", &["Mbps"], Bandwidth, (1, 0)),
];

/// Prices per thing, as the grammar spells them (`1600元/亩`; `万元/人` is 万 + 元/人).
static UNIT_COSTS: &[&str] = &[
    "元/平方米",
    "元/平米",
    "元/人次",
    "元/公里",
    "元/亩",
    "元/人",
    "元/个",
    "元/米",
    "元/吨",
    "元/次",
    "元/户",
    "元/生",
    "元/头",
    "元/只",
    "元/株",
    "元/台",
    "元/辆",
    "元/床",
    "元/件",
    "元/套",
    "元/所",
    "元/座",
    "元/处",
    "元/项",
    "元/场",
    "元/篇",
    "元/份",
    "元/册",
    "元/间",
];

/// Measure words for counted things, as the grammar spells them.
static COUNT_WORDS: &[&str] = &[
    "人次", "户次", "次", "个", "家", "份", "篇次", "篇", "册", "场", "台", "套", "辆", "人", "位",
    "期", "条", "本", "户", "件", "项", "所", "座", "间", "张", "部", "批", "处", "名", "支", "款",
    "门", "节", "课时", "学时", "页", "字", "只", "头", "株", "棵", "床", "校", "单", "例", "种",
    "匹", "羽", "尾", "口", "眼", "盏", "块", "根", "栋", "幢", "村", "站", "宗", "起", "人天",
    "人日",
];

/// Other spellings of counting words: `人/次` is 人次.
static COUNT_SPELLINGS: &[(&str, &str)] = &[("人/次", "人次"), ("户/次", "户次")];

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
    if let Some(cost) = UNIT_COSTS.iter().find(|w| **w == spelling) {
        return Some(Unit {
            symbol: cost,
            dimension: UnitCost,
        });
    }
    let spelling = COUNT_SPELLINGS
        .iter()
        .find(|(s, _)| *s == spelling)
        .map_or(spelling, |(_, w)| w);
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
        .chain(UNIT_COSTS.iter().map(|w| (*w, UnitCost)))
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
        if self.dimension == UnitCost {
            return self.symbol == other.symbol;
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
