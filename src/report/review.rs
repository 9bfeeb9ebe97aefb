//! `jixiao check --format review`: the 审核意见 a finance bureau sends back, as Markdown. Per
//! project, the findings under 总体目标 / 产出 / 效益 / 满意度 / 成本 and 需补充完善事项, each with its
//! fix, and a grade of the targets' quality (优/良/中/差) from the rubric printed at the top.

use serde::Serialize;

use crate::Checked;
use crate::check::measurability::{UNMEASURABLE_FAMILY, Verdict, judge};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Agency, Indicator, IndicatorRef, Level1, Level2, Project, Spec};
use crate::source::SourceFile;

/// The rubric, as the output states it.
pub const RUBRIC: &str = "\
评级办法（依据财预〔2020〕10号 决策指标“绩效指标明确性”：是否细化分解为具体指标、是否通过清晰可衡量的指标值体现；\
“绩效目标合理性”：绩效目标填报是否完整、无缺项错项；结论用语依据财预〔2015〕88号第二十五条）：

- 可衡量率 = 指标值可衡量或可核对的三级指标 ÷ 三级指标总数（可核对：`通过验收`、`是/否` 这类可查证的是否事实）；
- **优**：可衡量率 100%，没有需补充完善事项，也没有其他错误 —— 直接进入下一步预算安排流程；
- **良**：可衡量率不低于 80%，需补充完善事项不超过 1 项 —— 按意见完善后进入下一步预算安排流程；
- **中**：可衡量率不低于 60% —— 修改完善，按程序重新报送审核；
- **差**：可衡量率低于 60%，或没有三级指标 —— 不得进入下一步预算安排流程。
";

/// The sections of one project's review, in the order of 通州 附件4 with 成本 added.
const SECTIONS: [&str; 6] = [
    "总体目标",
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "需补充完善事项",
];

pub fn render(results: &[Checked]) -> String {
    let mut out = String::from("# 绩效目标审核意见\n\n");
    out.push_str(RUBRIC);
    for checked in results {
        out.push_str(&markdown(&review(checked)));
    }
    out
}

/// The review of one file: each project's, then the findings no project holds.
#[derive(Clone, Debug, Serialize)]
pub struct FileReview {
    pub name: String,
    pub projects: Vec<ProjectReview>,
    /// Findings outside every project (department indicators, rubrics, the file itself).
    pub rest: Vec<String>,
}

/// One project's review: its grade, the counts behind it and the findings by section.
#[derive(Clone, Debug, Serialize)]
pub struct ProjectReview {
    pub name: String,
    pub agency: String,
    pub classified: bool,
    pub grade: &'static str,
    /// What 88号 says follows from the grade.
    pub verdict: &'static str,
    pub total: usize,
    pub measurable: usize,
    pub checkable: usize,
    pub unmeasurable: usize,
    /// 可衡量率 as shown (`75%`, `—` without indicators).
    pub rate: String,
    pub to_complete: usize,
    /// The six sections in order, each with its findings in plain words.
    pub sections: Vec<(&'static str, Vec<String>)>,
}

/// The worst of the grades (差 worst), or `None` when there is none.
pub fn worst<'a>(grades: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    const ORDER: [&str; 4] = ["差", "中", "良", "优"];
    grades
        .into_iter()
        .min_by_key(|g| ORDER.iter().position(|o| o == g).unwrap_or(0))
}

pub fn review(checked: &Checked) -> FileReview {
    let spec = &checked.spec;
    let starts = block_starts(spec);
    let mut placed = vec![false; checked.diagnostics.len()];
    let mut projects = Vec::new();
    for (agency, project) in spec.projects() {
        let end = (starts.iter())
            .find(|s| **s > project.span.start)
            .copied()
            .unwrap_or(usize::MAX);
        let mine: Vec<&Diagnostic> = (checked.diagnostics.iter().enumerate())
            .filter(|(_, d)| d.span.start >= project.span.start && d.span.start < end)
            .map(|(i, d)| {
                placed[i] = true;
                d
            })
            .collect();
        projects.push(project_review(&checked.source, agency, project, &mine));
    }
    let rest = (checked.diagnostics.iter().zip(&placed))
        .filter(|(_, p)| !**p)
        .map(|(d, _)| item(&checked.source, d, None))
        .collect();
    FileReview {
        name: checked.source.name.clone(),
        projects,
        rest,
    }
}

fn markdown(file: &FileReview) -> String {
    let mut out = format!("\n## {}\n", file.name);
    for project in &file.projects {
        out.push_str(&project_markdown(project));
    }
    if !file.rest.is_empty() {
        out.push_str("\n### 不属于任何项目的问题（部门整体指标、评分规则、文件本身）\n\n");
        for line in &file.rest {
            out.push_str(&format!("- {line}\n"));
        }
    }
    out
}

fn project_markdown(review: &ProjectReview) -> String {
    let mut out = format!(
        "\n### 项目「{}」（预算单位「{}」）\n\n",
        review.name, review.agency
    );
    if review.classified {
        out.push_str("涉密项目，依规不公开绩效指标，不评级。\n");
        return out;
    }
    let ProjectReview {
        grade,
        verdict,
        total,
        measurable,
        checkable,
        unmeasurable,
        rate,
        to_complete,
        ..
    } = review;
    out.push_str(&format!(
        "审核结果：**{grade}**。三级指标 {total} 条：可衡量 {measurable} 条，可核对 {checkable} 条，\
         不可衡量 {unmeasurable} 条（可衡量率 {rate}）；需补充完善 {to_complete} 项。{verdict}\n"
    ));
    let mut quiet = Vec::new();
    for (title, items) in &review.sections {
        if items.is_empty() {
            quiet.push(*title);
            continue;
        }
        out.push_str(&format!("\n**{title}**\n\n"));
        for line in items {
            out.push_str(&format!("- {line}\n"));
        }
    }
    if !quiet.is_empty() {
        out.push_str(&format!("\n{}：无意见。\n", quiet.join("、")));
    }
    out
}

/// Where each agency, project and scored group starts, in file order: a project's findings are
/// those up to the next start.
fn block_starts(spec: &Spec) -> Vec<usize> {
    let mut starts: Vec<usize> = Vec::new();
    for department in &spec.departments {
        starts.extend(department.groups.iter().map(|g| g.span.start));
        for agency in &department.agencies {
            starts.push(agency.span.start);
            starts.extend(agency.projects.iter().map(|p| p.span.start));
        }
    }
    starts.sort_unstable();
    starts
}

fn project_review(
    source: &SourceFile,
    agency: &Agency,
    project: &Project,
    found: &[&Diagnostic],
) -> ProjectReview {
    let mut review = ProjectReview {
        name: project.name.clone(),
        agency: agency.name.clone(),
        classified: project.classified,
        grade: "",
        verdict: "",
        total: project.indicators.len(),
        measurable: 0,
        checkable: 0,
        unmeasurable: 0,
        rate: String::new(),
        to_complete: 0,
        sections: SECTIONS.iter().map(|t| (*t, Vec::new())).collect(),
    };
    if project.classified {
        return review;
    }
    let on =
        |i: &Indicator, d: &Diagnostic| d.span.start >= i.span.start && d.span.end <= i.span.end;
    for indicator in &project.indicators {
        let own: Vec<&&Diagnostic> = found.iter().filter(|d| on(indicator, d)).collect();
        if own.iter().any(|d| UNMEASURABLE_FAMILY.contains(&d.code)) {
            review.unmeasurable += 1;
        } else if judge(reference(project, indicator), &[]) == Verdict::Checkable {
            review.checkable += 1;
        } else {
            review.measurable += 1;
        }
        let section = section_of(indicator);
        for d in own {
            review.sections[section]
                .1
                .push(item(source, d, Some(indicator)));
        }
    }
    for d in found
        .iter()
        .filter(|d| !project.indicators.iter().any(|i| on(i, d)))
    {
        review.sections[5].1.push(item(source, d, None));
    }
    if project.goal.as_deref().is_none_or(|g| g.trim().is_empty()) {
        review.sections[0].1.push(
            "未填写总体目标。修改建议：用一两句话写明资金用于做什么、做到什么程度，\
             如 `目标 \"完成 3 万册宣传册印发，网络安全知识知晓率达到 70% 以上\"`。"
                .to_owned(),
        );
    }
    let clear = review.measurable + review.checkable;
    review.to_complete = review.sections[0].1.len() + review.sections[5].1.len();
    let errors = found.iter().any(|d| d.severity == Severity::Error);
    (review.grade, review.verdict) = grade(clear, review.total, review.to_complete, errors);
    review.rate = (clear * 100)
        .checked_div(review.total)
        .map_or("—".to_owned(), |r| format!("{r}%"));
    review
}

fn reference<'a>(project: &'a Project, indicator: &'a Indicator) -> IndicatorRef<'a> {
    IndicatorRef {
        owner: &project.name,
        name: &indicator.name,
        category: Some(&indicator.category),
        target: &indicator.target,
        span: indicator.span,
        name_span: indicator.name_span,
    }
}

/// 1 产出, 2 效益, 3 满意度, 4 成本 (also 产出.成本).
fn section_of(indicator: &Indicator) -> usize {
    let category = &indicator.category;
    let cost = matches!(
        category.level2,
        Some(Level2::Cost | Level2::EconomicCost | Level2::SocialCost | Level2::EcologicalCost)
    );
    match category.level1 {
        Level1::Cost => 4,
        Level1::Output if cost => 4,
        Level1::Output => 1,
        Level1::Benefit => 2,
        Level1::Satisfaction => 3,
        // 决策 / 过程 and categories the language does not know: the reviewer asks for them to
        // be filed under a target category.
        Level1::Decision | Level1::Process | Level1::Other => 5,
    }
}

/// The grade and what 88号 says follows from it.
pub fn grade(
    clear: usize,
    total: usize,
    to_complete: usize,
    errors: bool,
) -> (&'static str, &'static str) {
    if total == 0 {
        return ("差", "不得进入下一步预算安排流程。");
    }
    if clear == total && to_complete == 0 && !errors {
        ("优", "直接进入下一步预算安排流程。")
    } else if clear * 100 >= total * 80 && to_complete <= 1 {
        ("良", "按意见完善后进入下一步预算安排流程。")
    } else if clear * 100 >= total * 60 {
        ("中", "请修改完善，按程序重新报送审核。")
    } else {
        ("差", "不得进入下一步预算安排流程。")
    }
}

/// One finding in plain words: where, what, and how to fix it (one Markdown list item's text).
fn item(source: &SourceFile, d: &Diagnostic, indicator: Option<&Indicator>) -> String {
    let line = match &d.cell {
        Some(cell) => format!("表中 {cell}"),
        None => format!("第 {} 行", source.line_col(d.span.start).line),
    };
    let what = d.message();
    let fix = d
        .help()
        .map_or(String::new(), |h| format!("修改建议：{h}。"));
    let fix = fix.replace("。。", "。");
    match indicator {
        Some(i) => format!(
            "「{}」（{line}，指标值「{}」）：{what}。{fix}",
            i.name, i.target.text
        ),
        None => format!("{line}：{what}。{fix}"),
    }
}
