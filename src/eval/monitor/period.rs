//! The monitoring date (`--month 6` or `--as-of 2024-06-30`), the months gone (N of 标准值 =
//! 年度指标值 × N / 12) and whether a deadline is due.

use rust_decimal::Decimal;
use serde::Serialize;

/// The date the figures stand at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AsOf {
    /// `None` when neither the command line nor the spec gives a year.
    pub year: Option<u32>,
    pub month: u32,
    pub day: u32,
}

impl AsOf {
    /// The end of month `month` (1–12) of `year`.
    pub fn end_of(year: Option<u32>, month: u32) -> Result<AsOf, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("月份应为 1 到 12，写的是 {month}"));
        }
        Ok(AsOf {
            year,
            month,
            day: days_in(year, month),
        })
    }

    /// `2024-06-30` (also `2024/6/30`, `2024年6月30日`).
    pub fn parse(text: &str) -> Result<AsOf, String> {
        let parts: Vec<&str> = text
            .trim()
            .trim_end_matches('日')
            .split(['-', '/', '年', '月', '.'])
            .collect();
        let bad = || format!("日期「{text}」应写成 2024-06-30");
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        let (year, month, day) = (
            y.parse::<u32>().map_err(|_| bad())?,
            m.parse::<u32>().map_err(|_| bad())?,
            d.parse::<u32>().map_err(|_| bad())?,
        );
        if !(1..=12).contains(&month) || day == 0 || day > days_in(Some(year), month) {
            return Err(format!("日期「{text}」不存在"));
        }
        Ok(AsOf {
            year: Some(year),
            month,
            day,
        })
    }

    /// The months gone, N: whole months, plus the part of the current month (`06-15` is 5.5).
    pub fn months(&self) -> Decimal {
        let days = Decimal::from(days_in(self.year, self.month));
        Decimal::from(self.month - 1) + Decimal::from(self.day) / days
    }

    /// `2023年6月30日`.
    pub fn label(&self) -> String {
        match self.year {
            Some(y) => format!("{y}年{}月{}日", self.month, self.day),
            None => format!("{}月{}日", self.month, self.day),
        }
    }

    /// Whether a deadline (year, month, day; missing parts are the latest they can be) has
    /// passed on this date.
    pub fn is_past(&self, year: Option<u32>, month: Option<u32>, day: Option<u32>) -> bool {
        let y = year.or(self.year).unwrap_or(0);
        let m = month.unwrap_or(12);
        let d = day.unwrap_or_else(|| days_in(Some(y), m));
        (self.year.unwrap_or(y), self.month, self.day) > (y, m, d)
    }
}

fn days_in(year: Option<u32>, month: u32) -> u32 {
    match month {
        2 => {
            let leap = year.is_some_and(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
            if leap { 29 } else { 28 }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
