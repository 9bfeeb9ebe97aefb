//! The arithmetic a report writes (`(19,456.78 - 19,368.18) / 19,456.78`, `|a - b| / b`,
//! `(134.91% + 104.9%) / 2`), evaluated exactly. Numbers may carry thousands separators, `%`
//! (divides by 100), `万元` and other unit words (ignored). Depth and length are limited.

use rust_decimal::Decimal;

use crate::model::quantity::read_number;

const MAX_LEN: usize = 2_000;
const MAX_DEPTH: usize = 32;

/// Evaluates a formula; `Err` says what is wrong, in Chinese.
pub fn evaluate(text: &str) -> Result<Decimal, String> {
    if text.len() > MAX_LEN {
        return Err("公式过长".to_owned());
    }
    let tokens = tokens(text)?;
    let mut parser = Parser { tokens, at: 0 };
    let value = parser.sum(0)?;
    if parser.at != parser.tokens.len() {
        return Err("公式末尾有多余的内容".to_owned());
    }
    Ok(value)
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number(Decimal),
    Op(char),
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            let start = i;
            while chars.get(i).is_some_and(|c| {
                c.is_ascii_digit() || ('０'..='９').contains(c) || matches!(c, '.' | ',' | '．')
            }) {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            let mut value =
                read_number(&digits).ok_or_else(|| format!("无法读取的数「{digits}」"))?;
            while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
            if matches!(chars.get(i), Some('%' | '％')) {
                value /= Decimal::ONE_HUNDRED;
                i += 1;
            }
            out.push(Token::Number(value));
            continue;
        }
        match c {
            '+' | '＋' => out.push(Token::Op('+')),
            '-' | '－' | '−' => out.push(Token::Op('-')),
            '*' | '×' | 'x' | '＊' => out.push(Token::Op('*')),
            '/' | '÷' | '／' => out.push(Token::Op('/')),
            '(' | '（' => out.push(Token::Op('(')),
            ')' | '）' => out.push(Token::Op(')')),
            '|' | '｜' => out.push(Token::Op('|')),
            c if c.is_whitespace() => {}
            // Unit words between numbers (万元, 篇, 分) are read past.
            c if !c.is_ascii() => {}
            other => return Err(format!("公式中无法读取的字符「{other}」")),
        }
        i += 1;
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn sum(&mut self, depth: usize) -> Result<Decimal, String> {
        let mut value = self.product(depth)?;
        while let Some(Token::Op(op @ ('+' | '-'))) = self.peek().cloned() {
            self.at += 1;
            let rhs = self.product(depth)?;
            value = if op == '+' {
                value.checked_add(rhs)
            } else {
                value.checked_sub(rhs)
            }
            .ok_or("公式的数值溢出")?;
        }
        Ok(value)
    }

    fn product(&mut self, depth: usize) -> Result<Decimal, String> {
        let mut value = self.atom(depth)?;
        while let Some(Token::Op(op @ ('*' | '/'))) = self.peek().cloned() {
            self.at += 1;
            let rhs = self.atom(depth)?;
            value = if op == '*' {
                value.checked_mul(rhs).ok_or("公式的数值溢出")?
            } else if rhs.is_zero() {
                return Err("公式中除以 0".to_owned());
            } else {
                value.checked_div(rhs).ok_or("公式的数值溢出")?
            };
        }
        Ok(value)
    }

    fn atom(&mut self, depth: usize) -> Result<Decimal, String> {
        if depth > MAX_DEPTH {
            return Err("公式嵌套过深".to_owned());
        }
        let token = self.peek().cloned().ok_or("公式不完整")?;
        self.at += 1;
        match token {
            Token::Number(v) => Ok(v),
            Token::Op('-') => Ok(-self.atom(depth + 1)?),
            Token::Op(open @ ('(' | '|')) => {
                let value = self.sum(depth + 1)?;
                let close = if open == '(' { ')' } else { '|' };
                if self.peek() != Some(&Token::Op(close)) {
                    return Err(format!("公式缺少「{close}」"));
                }
                self.at += 1;
                Ok(if open == '|' { value.abs() } else { value })
            }
            Token::Op(other) => Err(format!("公式中「{other}」的位置不对")),
        }
    }
}
