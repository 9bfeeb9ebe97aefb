//! Amount columns of extracted text. Extraction drops empty cells, so a row `443.24 443.24` says
//! 总计 and one source column without saying which. The convention reads the numbers into the
//! columns in table order (two numbers: 总计, 财政拨款); when a budget unit's columns then do not
//! add up, the arithmetic may name the one reading that does, and only then is it applied.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::table::{Agency, Cell};
use crate::model::Fund;
use crate::source::Span;

/// A whitespace-separated token printed as an amount: `426.92`, `14,035.86` (two decimals).
pub fn amount(token: &str) -> Option<Decimal> {
    let (whole, cents) = token.split_once('.')?;
    if cents.len() != 2 || !cents.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if whole.is_empty()
        || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        || (groups.len() > 1 && !grouped)
    {
        return None;
    }
    format!("{}.{cents}", groups.concat()).parse().ok()
}

/// A line holding a run of amounts: the text before it (a name, or part of one), the amounts,
/// and the text after it (the goal and indicator cells of a classified project).
#[derive(Clone, Debug)]
pub struct AmountRow {
    pub before: (usize, usize),
    pub numbers: Vec<(String, Decimal, Span)>,
    pub after: (usize, usize),
}

/// Finds the first run of two or more amounts on a line starting at byte `offset` of the source.
/// One lone number is not taken: every row of the template prints 总计 and at least one source.
pub fn amount_row(line: &str, offset: usize) -> Option<AmountRow> {
    let tokens: Vec<(usize, &str)> = tokens(line);
    let mut i = 0;
    while i < tokens.len() {
        let run: Vec<&(usize, &str)> = tokens[i..]
            .iter()
            .take_while(|(_, t)| amount(t).is_some())
            .collect();
        if run.len() >= 2 {
            let first = run[0].0;
            let (last_at, last) = *run[run.len() - 1];
            let numbers = run
                .iter()
                .filter_map(|(at, t)| {
                    let span = Span::new(offset + at, offset + at + t.len());
                    amount(t).map(|v| ((*t).to_owned(), v, span))
                })
                .collect();
            return Some(AmountRow {
                before: (0, first),
                numbers,
                after: (last_at + last.len(), line.len()),
            });
        }
        i += run.len().max(1);
    }
    None
}

fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

/// What the arithmetic said about one budget unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled {
    /// The columns add up as read.
    Balanced,
    /// The columns add up once these (project, cell) amounts are moved to `fund`.
    Moved {
        fund: Fund,
        cells: Vec<(usize, usize)>,
        gap: Decimal,
    },
    /// They do not add up and no single reading makes them: why.
    Ambiguous(String),
    /// The 总计 column itself does not add up: not a question of columns (the checker reports it).
    TotalsDiffer,
}

/// Partial sums in cents → (number of ways, capped at 2; one way's last item and prior sum).
type Sums = HashMap<i64, (u8, Option<(usize, i64)>)>;

/// The largest number of partial sums tried before giving up as ambiguous.
const MAX_SUMS: usize = 200_000;

/// Settles the columns of one budget unit and applies a reading the arithmetic proves.
pub fn settle(agency: &mut Agency) -> Settled {
    if agency.budget.is_empty() || agency.projects.is_empty() {
        return Settled::Balanced;
    }
    let too_large = || Settled::Ambiguous("金额过大，无法核对".to_owned());
    let mut stated = [Decimal::ZERO; 4];
    let mut summed = [Decimal::ZERO; 4];
    for (i, fund) in Fund::ALL.iter().enumerate() {
        let projects = agency.projects.iter().map(|p| column(&p.budget, *fund));
        match (column(&agency.budget, *fund), checked_sum(projects)) {
            (Some(s), Some(p)) => (stated[i], summed[i]) = (s, p),
            _ => return too_large(),
        }
    }
    let index = |fund| Fund::ALL.iter().position(|f| *f == fund).unwrap_or(0);
    let stated = |fund| stated[index(fund)];
    let summed = |fund| summed[index(fund)];
    if [Fund::Fiscal, Fund::Special, Fund::Other]
        .iter()
        .any(|f| stated(*f).checked_sub(summed(*f)).is_none())
    {
        return too_large();
    }
    if stated(Fund::Total) != summed(Fund::Total) {
        return Settled::TotalsDiffer;
    }
    let surplus = summed(Fund::Fiscal) - stated(Fund::Fiscal);
    let short: Vec<Fund> = [Fund::Special, Fund::Other]
        .into_iter()
        .filter(|f| stated(*f) != summed(*f))
        .collect();
    if surplus.is_zero() && short.is_empty() {
        return Settled::Balanced;
    }
    let [fund] = short[..] else {
        return Settled::Ambiguous("不止一列不平，或只有财政拨款一列不平".to_owned());
    };
    if stated(fund) - summed(fund) != surplus || surplus <= Decimal::ZERO {
        return Settled::Ambiguous(format!(
            "财政拨款多出 {surplus}，{}少了 {}，两者不等",
            fund.label(),
            stated(fund) - summed(fund)
        ));
    }
    // Only rows read by convention (总计 and one more number) may be read otherwise.
    let candidates: Vec<(usize, usize, Decimal)> = agency
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| p.budget.len() == 2 && p.budget[1].fund == Fund::Fiscal)
        .map(|(i, p)| (i, 1, p.budget[1].value))
        .filter(|(_, _, v)| !v.is_zero())
        .collect();
    match unique_subset(&candidates, surplus) {
        Ok(cells) => {
            for (project, cell) in &cells {
                agency.projects[*project].budget[*cell].fund = fund;
            }
            Settled::Moved {
                fund,
                cells,
                gap: surplus,
            }
        }
        Err(why) => Settled::Ambiguous(why),
    }
}

/// The sum of a column's cells; `None` on overflow.
fn column(cells: &[Cell], fund: Fund) -> Option<Decimal> {
    checked_sum(
        cells
            .iter()
            .filter(|c| c.fund == fund)
            .map(|c| Some(c.value)),
    )
}

fn checked_sum(mut values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.try_fold(Decimal::ZERO, |sum, v| sum.checked_add(v?))
}

/// The one set of candidates whose amounts sum to `target`, or why there is none or several.
fn unique_subset(
    candidates: &[(usize, usize, Decimal)],
    target: Decimal,
) -> Result<Vec<(usize, usize)>, String> {
    let cents = |d: Decimal| {
        d.checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|c| c.trunc().try_into().ok())
    };
    let Some(goal): Option<i64> = cents(target) else {
        return Err("金额过大".to_owned());
    };
    let mut sums: Sums = HashMap::from([(0, (1, None))]);
    for (index, (_, _, value)) in candidates.iter().enumerate() {
        let Some(v): Option<i64> = cents(*value) else {
            continue;
        };
        let before: Vec<(i64, u8)> = sums.iter().map(|(s, (n, _))| (*s, *n)).collect();
        for (sum, ways) in before {
            let Some(next) = sum.checked_add(v) else {
                continue;
            };
            if next > goal {
                continue;
            }
            let entry = sums.entry(next).or_insert((0, Some((index, sum))));
            entry.0 = (entry.0 + ways).min(2);
        }
        if sums.len() > MAX_SUMS {
            return Err("可能的组合太多".to_owned());
        }
    }
    match sums.get(&goal) {
        None => Err(format!("没有哪几个项目的金额之和等于差额 {target}")),
        Some((ways, _)) if *ways > 1 => Err(format!("不止一组项目的金额之和等于差额 {target}")),
        Some(_) => Ok(trace(&sums, goal, candidates)),
    }
}

fn trace(sums: &Sums, goal: i64, candidates: &[(usize, usize, Decimal)]) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let mut at = goal;
    while let Some((_, Some((index, before)))) = sums.get(&at) {
        if let Some((project, cell, _)) = candidates.get(*index) {
            cells.push((*project, *cell));
        }
        at = *before;
    }
    cells.sort_unstable();
    cells
}
