//! `jixiao check --format review-html`: the 审核意见 of `--format review` as a page, from the
//! same `review::FileReview`: the rubric, the grades counted, then per project its grade, the
//! counts behind it and the findings under 总体目标 / 产出 / 效益 / 满意度 / 成本 / 需补充完善事项.

use serde::Serialize;

use super::render;
use crate::Checked;
use crate::report::review::{self, FileReview, RUBRIC};

/// A run of text, `code` when it was between backticks and `strong` between `**`.
#[derive(Serialize)]
struct Segment {
    text: String,
    code: bool,
    strong: bool,
}

#[derive(Serialize)]
struct ReviewReport {
    title: &'static str,
    version: &'static str,
    rubric: Vec<Vec<Segment>>,
    grades: Vec<(&'static str, usize)>,
    files: Vec<FileView>,
}

#[derive(Serialize)]
struct FileView {
    review: FileReview,
    /// Each project's sections as segments, in the order of `review.projects`.
    sections: Vec<Vec<SectionView>>,
    rest: Vec<Vec<Segment>>,
}

#[derive(Serialize)]
struct SectionView {
    title: &'static str,
    items: Vec<Vec<Segment>>,
}

pub const GRADES: [&str; 4] = ["优", "良", "中", "差"];

pub fn review(results: &[Checked]) -> String {
    let files: Vec<FileView> = results
        .iter()
        .map(|c| file_view(review::review(c)))
        .collect();
    let graded = || {
        files
            .iter()
            .flat_map(|f| &f.review.projects)
            .filter(|p| !p.classified)
    };
    let report = ReviewReport {
        title: "绩效目标审核意见",
        version: env!("CARGO_PKG_VERSION"),
        rubric: RUBRIC
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| segments(l.trim_start_matches("- ")))
            .collect(),
        grades: GRADES
            .iter()
            .map(|g| (*g, graded().filter(|p| p.grade == *g).count()))
            .collect(),
        files,
    };
    render("review.html", &report)
}

fn file_view(review: FileReview) -> FileView {
    let sections = review
        .projects
        .iter()
        .map(|p| {
            p.sections
                .iter()
                .map(|(title, items)| SectionView {
                    title,
                    items: items.iter().map(|i| segments(i)).collect(),
                })
                .collect()
        })
        .collect();
    let rest = review.rest.iter().map(|i| segments(i)).collect();
    FileView {
        review,
        sections,
        rest,
    }
}

/// Splits Markdown-ish text at backticks (code) and `**` (strong); nothing else is markup.
fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for (i, piece) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push(Segment {
                text: piece.to_owned(),
                code: true,
                strong: false,
            });
            continue;
        }
        for (j, part) in piece.split("**").enumerate() {
            if !part.is_empty() {
                out.push(Segment {
                    text: part.to_owned(),
                    code: false,
                    strong: j % 2 == 1,
                });
            }
        }
    }
    out
}
