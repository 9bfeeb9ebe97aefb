//! Unreadable lines → syntax-error diagnostics in the author's words.
//!
//! The whole-file parse never fails; a line no statement reads is re-parsed alone with the rule it
//! looks like, so the diagnostic can say where that statement went wrong and what was expected
//! there. Rule names are translated here and never reach the user.

use pest::Parser;
use pest::error::InputLocation;

use super::grammar::{Grammar, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

/// A syntax-error diagnostic for an unreadable line starting at byte `start` of the file.
pub(super) fn unreadable(line: &str, start: usize) -> Diagnostic {
    let (rule, what) = guess(line);
    if rule == Rule::indicator
        && let Some(diagnostic) = short_indicator(line, start)
    {
        return diagnostic;
    }
    let (at, expected) = match Grammar::parse(rule, line) {
        Ok(mut pairs) => {
            let end = pairs.next().map_or(0, |p| p.as_span().end());
            (
                end,
                "行尾：这一行的语句已经完整，多出的内容无法识别".to_owned(),
            )
        }
        Err(error) => {
            let at = match error.location {
                InputLocation::Pos(p) => p,
                InputLocation::Span((s, _)) => s,
            };
            let expected = match &error.variant {
                pest::error::ErrorVariant::ParsingError { positives, .. } => describe(positives),
                pest::error::ErrorVariant::CustomError { message } => message.clone(),
            };
            (at, expected)
        }
    };
    let at = floor_char_boundary(line, at.min(line.len()));
    let found = line.get(at..).and_then(|rest| rest.chars().next());
    let end = at + found.map_or(0, char::len_utf8);
    let found_text = match found {
        Some(c) => format!("「{c}」"),
        None => "行尾".to_owned(),
    };
    Diagnostic::new(Code::SyntaxError, Span::new(start + at, start + end))
        .arg(
            "detail",
            format!("无法读取的{what}：此处应为{expected}，却是{found_text}"),
        )
        .arg("label", format!("应为{expected}"))
        .arg("help", help(rule))
}

/// An indicator line with fewer than three parts: say which part is missing.
fn short_indicator(line: &str, start: usize) -> Option<Diagnostic> {
    let code = line.split('#').next().unwrap_or(line).trim_end();
    let parts = code
        .split([' ', '\t', '　'])
        .filter(|p| !p.is_empty())
        .count();
    let (detail, label) = match parts {
        1 => ("指标行只有类别，缺少指标名称和指标值", "缺少名称和指标值"),
        2 => ("指标行缺少指标值（名称与指标值之间要有空格）", "缺少指标值"),
        _ => return None,
    };
    let end = start + code.len();
    Some(
        Diagnostic::new(Code::SyntaxError, Span::new(end, end))
            .arg("detail", detail)
            .arg("label", label)
            .arg("help", help(Rule::indicator)),
    )
}

/// Which statement a line looks like, from its first word.
fn guess(line: &str) -> (Rule, &'static str) {
    let first = line.split([' ', '\t', '　']).next().unwrap_or("");
    match first {
        "部门" => (Rule::department, "部门行"),
        "预算单位" => (Rule::agency, "预算单位行"),
        "项目" => (Rule::project, "项目行"),
        "预算" => (Rule::budget, "预算行"),
        "目标" => (Rule::goal, "目标行"),
        "实施期目标" => (Rule::term_goal, "实施期目标行"),
        "等级" => (Rule::scale, "等级行"),
        _ if line.starts_with('}') => (Rule::close, "块结束行"),
        _ => (Rule::indicator, "指标行"),
    }
}

/// The expected rules, in words.
fn describe(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = rules.iter().filter_map(|r| word(*r)).collect();
    words.dedup();
    if words.is_empty() {
        return "一条语句".to_owned();
    }
    words.join("或")
}

fn word(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::string | Rule::str_inner | Rule::str_curly | Rule::str_corner => {
            "带引号的名称（如 \"专项工作经费\"）"
        }
        Rule::open => "块开始符 `{`",
        Rule::close => "块结束符 `}`",
        Rule::year => "年度（如 2023）",
        Rule::classified => "`涉密`",
        Rule::amount | Rule::fund | Rule::number => "金额（如 `总计 426.92`）",
        Rule::grade_name => "等级名称（如 优 良 中 差）",
        Rule::category | Rule::level => "指标类别（产出、效益、满意度、成本）",
        Rule::name | Rule::bare_name => "指标名称",
        Rule::target => "指标值（如 `>= 3万册`、`> 95%`）",
        Rule::comment => "注释 `#`",
        _ => return None,
    })
}

fn help(rule: Rule) -> &'static str {
    match rule {
        Rule::department => "部门行的写法：部门 \"单位全称\" 2023 {",
        Rule::agency => "预算单位行的写法：预算单位 \"单位全称\" {",
        Rule::project => "项目行的写法：项目 \"项目名称\" {，涉密项目写 项目 \"名称\" 涉密 {",
        Rule::budget => "预算行的写法：预算 总计 426.92 财政拨款 426.92（单位：万元）",
        Rule::goal => "目标行的写法：目标 \"绩效目标全文\"",
        Rule::term_goal => "实施期目标行的写法：实施期目标 \"实施期绩效目标全文\"",
        Rule::scale => "等级行的写法：等级 \"名称\" 优 良 中 差（从好到差）",
        Rule::close => "`}` 独占一行，可跟注释",
        _ => "指标行的写法：类别 名称 指标值，用空格分开，如 产出.数量 网络安全宣传册 >= 3万册",
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
