//! The one decision every target gets, reading the indicator's name as well as its target:
//! measurable (a number with its unit, a date, a declared grade), checkable (a yes/no fact with a
//! deliverable: `通过验收`, `是/否`), or unmeasurable, and why. The rules of the measure family
//! (`vague-target`, `unmeasurable-target`, `percent-not-rate`, `value-without-number`,
//! `missing-unit`) report what this module decides; none of them judges on its own.
//!
//! The decision, in order, for a target the grammar could not read as numbers (`Meaning::Unmeasurable`):
//! 1. a vague word (`提升`, `效果明显`, `有力保障`, `控制在预算内`) → unmeasurable (`vague-target`);
//! 2. an operator or a unit with no number (`≧ %`, `公里`, `应保尽保 %`) → unmeasurable
//!    (`value-without-number`);
//! 3. a yes/no answer (`是/否 否`) or a passed check with its deliverable (`通过验收`,
//!    `通过竣工验收`) → checkable;
//! 4. anything else (`完成年度工作任务`, `严格执行相关制度规定`, `按计划实施`) → unmeasurable
//!    (`unmeasurable-target`).
//!
//! For a target with numbers: a percentage on a name that is neither a rate nor notes `%`
//! (`维护社会稳定 ≥ 95%`) is unmeasurable (`percent-not-rate`); a number with no unit is
//! unmeasurable (`missing-unit`) unless the unit can be read: a unit word written after the
//! number, the name's note (`面积(亩)`, `成活率(≥**%)`), a name that counts (`享受资助人数`,
//! `建设项目个数`: a whole number of them), the same number with its unit in the name
//! (`变压器3台` with `3`), a 成本 amount (`5万`, `每亩300`: money), or a date (`2023.07`).

use rust_decimal::Decimal;

use crate::check::vocabulary::{self, vague_word};
use crate::diagnostic::Code;
use crate::model::polarity::unit_note;
use crate::model::{Clause, Condition, IndicatorRef, Level1, Level2, Meaning, Quantity, Spec};

/// The codes that say a target cannot be measured as written (the agreement test and the review
/// read them). A line with no target at all is a syntax error, and is counted too.
pub const UNMEASURABLE_FAMILY: &[Code] = &[
    Code::SyntaxError,
    Code::VagueTarget,
    Code::UnmeasurableTarget,
    Code::MissingUnit,
    Code::UnitMismatch,
    Code::OutOfRange,
    Code::PercentNotRate,
    Code::ValueWithoutNumber,
];

/// What a target is, for a reviewer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict<'a> {
    Measurable,
    /// A yes/no fact that a document or record settles.
    Checkable,
    Unmeasurable(Problem<'a>),
}

/// Why a target cannot be measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem<'a> {
    /// A vague word, at this byte offset in the target.
    Vague { at: usize, word: &'a str },
    /// An operator or unit with nothing to compare.
    NoNumber,
    /// A description of work with no number, date or grade.
    Description,
    /// A percentage on a name that measures no share.
    PercentNotRate,
    /// A number whose unit neither the target nor the name gives.
    NoUnit,
}

/// The decision for one indicator (see the module comment).
pub fn judge<'a>(indicator: IndicatorRef<'_>, extra: &'a [String]) -> Verdict<'a> {
    let target = indicator.target;
    match &target.meaning {
        Meaning::Grade { .. } => Verdict::Measurable,
        Meaning::Unmeasurable => text_verdict(&target.text, extra),
        Meaning::Conditions { clauses } => {
            if clauses.iter().any(|c| percent_not_rate(indicator, c)) {
                return Verdict::Unmeasurable(Problem::PercentNotRate);
            }
            let unitless = clauses
                .iter()
                .any(|c| quantities(c).any(|q| !unit_is_read(indicator, q)));
            if unitless {
                Verdict::Unmeasurable(Problem::NoUnit)
            } else {
                Verdict::Measurable
            }
        }
    }
}

/// The decision on a target written as words only (vague, no number, a description): `None`
/// for a target the value grammar read, which none of those problems can be. The rules on
/// wording ask this rather than `judge`, which also weighs every clause's units.
pub fn judge_wording<'a>(indicator: IndicatorRef<'_>, extra: &'a [String]) -> Option<Verdict<'a>> {
    let target = indicator.target;
    matches!(target.meaning, Meaning::Unmeasurable).then(|| text_verdict(&target.text, extra))
}

fn text_verdict<'a>(text: &str, extra: &'a [String]) -> Verdict<'a> {
    if let Some((at, word)) = vague_word(text, extra) {
        return Verdict::Unmeasurable(Problem::Vague { at, word });
    }
    if no_number(text) {
        return Verdict::Unmeasurable(Problem::NoNumber);
    }
    if checkable(text) {
        return Verdict::Checkable;
    }
    Verdict::Unmeasurable(Problem::Description)
}

/// `≧ %`, `公里`, `万亩`, `应保尽保 %`: an operator or a unit, and no digit to go with it.
pub fn no_number(text: &str) -> bool {
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return false;
    }
    let stripped: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !OPERATOR_CHARS.contains(c))
        .collect();
    let has_symbol = text
        .chars()
        .any(|c| "%％‰".contains(c) || OPERATOR_CHARS.contains(&c));
    let bare = stripped.trim_start_matches(['万', '亿', '千', '百', '十']);
    has_symbol || (!bare.is_empty() && vocabulary::is_unit_word(bare))
}

const OPERATOR_CHARS: &[char] = &[
    '≥', '≤', '>', '<', '=', '≧', '≦', '＞', '＜', '＝', '﹦', '═', '≠',
];

/// A yes/no answer, or a check passed with what it delivers.
fn checkable(text: &str) -> bool {
    let text = text.trim();
    if ["是", "否", "有", "无"].contains(&text) || text.starts_with("是/否") {
        return true;
    }
    text.contains("通过")
        && vocabulary::CHECKS.iter().any(|w| text.contains(w))
        && !text.contains("完成任务")
}

/// The quantities of a clause (no allocation: this runs for every clause in several rules).
pub fn quantities(clause: &Clause) -> impl Iterator<Item = &Quantity> {
    let (first, second) = match &clause.condition {
        Condition::Compare { bound, .. } => (Some(bound), None),
        Condition::Range { low, high, .. } => (Some(low), Some(high)),
        Condition::Relative { amount, .. } => (Some(amount), None),
        Condition::ZeroEvent { .. } | Condition::Deadline { .. } => (None, None),
    };
    first.into_iter().chain(second)
}

/// A percentage target on a name that is no share of anything: not a rate (`…率`, `…度`,
/// `比例`, `覆盖`), no `%` noted in the name, and no rate named before the value.
pub fn percent_not_rate(indicator: IndicatorRef<'_>, clause: &Clause) -> bool {
    let percent = quantities(clause).any(|q| q.is_percent());
    if !percent {
        return false;
    }
    let named =
        |text: &str| vocabulary::names_share(text) || text.contains('%') || text.contains('％');
    !named(indicator.name) && !clause.subject.as_deref().is_some_and(named)
}

/// Whether the unit of `q` can be read from the target or the name (see the module comment).
pub fn unit_is_read(indicator: IndicatorRef<'_>, q: &Quantity) -> bool {
    if q.unit.is_some() || q.value.is_zero() {
        return true;
    }
    let name = indicator.name;
    let text = indicator.target.text.as_str();
    // A unit word jixiao does not know, written right after the number (`29.5亩`).
    let after = text
        .get(q.span.end.saturating_sub(indicator.target.span.start)..)
        .unwrap_or("");
    if written_unit(after) {
        return true;
    }
    if noted_unit(name) {
        return true;
    }
    if q.value.fract().is_zero() && vocabulary::counts(name) {
        return true;
    }
    let number = q.value.normalize().to_string();
    if name_states(name, &number) {
        return true;
    }
    if is_cost(indicator) && !vocabulary::is_rate(name) {
        return true;
    }
    date_like(q.value)
}

/// `亩`, `株`, `种` right after the number: a unit, known or not.
fn written_unit(after: &str) -> bool {
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && !"、，,。;；(（/".contains(*c))
        .collect();
    (1..=word.chars().count().min(3)).any(|n| {
        let prefix: String = word.chars().take(n).collect();
        vocabulary::is_unit_word(&prefix)
    })
}

/// `面积(亩)`, `成活率(≥**%)`, `项目总投入(≥**万元)`: the name notes the unit.
fn noted_unit(name: &str) -> bool {
    let name = name.trim_end_matches(['。', '.', ' ']);
    let Some(note) = unit_note(name) else {
        return false;
    };
    let unit: String = note
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && !OPERATOR_CHARS.contains(c))
        .collect();
    let unit = unit.trim_start_matches(['万', '亿', '千', '百', '十']);
    unit.contains('%') || unit.contains('％') || vocabulary::is_unit_word(unit)
}

/// `配套电力设施1250KVA变压器3台` with `3`: the same number with its unit in the name.
fn name_states(name: &str, number: &str) -> bool {
    name.match_indices(number).any(|(at, _)| {
        let before = name[..at].chars().next_back();
        let digit_before = before.is_some_and(|c| c.is_ascii_digit() || c == '.');
        !digit_before && written_unit(&name[at + number.len()..])
    })
}

fn is_cost(indicator: IndicatorRef<'_>) -> bool {
    indicator.category.is_some_and(|c| {
        c.level1 == Level1::Cost
            || matches!(
                c.level2,
                Some(Level2::Cost | Level2::EconomicCost | Level2::SocialCost)
            )
    })
}

/// `2023.07`: a year and a month written as a decimal.
fn date_like(value: Decimal) -> bool {
    // A number too large to scale is no year.
    let Some(scaled) = value.checked_mul(Decimal::ONE_HUNDRED) else {
        return false;
    };
    if !scaled.fract().is_zero() || value.scale() != 2 {
        return false;
    }
    let year = value.trunc();
    let month = scaled - year * Decimal::ONE_HUNDRED;
    (Decimal::from(1949)..=Decimal::from(2100)).contains(&year)
        && (Decimal::ONE..=Decimal::from(12)).contains(&month)
}

/// Every nonzero quantity written without a unit jixiao knows.
pub fn unitless(spec: &Spec) -> impl Iterator<Item = (IndicatorRef<'_>, &Quantity)> {
    spec.all_indicators().flat_map(|indicator| {
        (indicator.target.clauses().iter())
            .flat_map(quantities)
            .filter(|q| q.unit.is_none() && !q.value.is_zero())
            .map(move |q| (indicator, q))
    })
}
