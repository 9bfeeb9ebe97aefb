//! The formatter: snapshots of the bundled specs and fixtures, and the two promises checked on
//! every input we have plus generated ones: the model of fmt(x) is the model of x, and
//! fmt(fmt(x)) == fmt(x). Comments and text the formatter does not know survive verbatim.

use std::path::Path;
use std::process::Command;

use jixiao::format::{Options, format_source, format_with, meaning};

use crate::common::{ROOT, jx_files};

fn name(path: &Path) -> String {
    path.strip_prefix(ROOT).unwrap().display().to_string()
}

/// Formats with `--force` semantics and checks both promises; returns the output.
fn format_checked(text: &str, what: &str) -> String {
    let once = format_with(text, Options { force: true })
        .unwrap_or_else(|d| panic!("{what}: refused: {d:?}"));
    assert_eq!(meaning(&once), meaning(text), "{what}: meaning changed");
    let twice = format_with(&once, Options { force: true }).unwrap();
    assert_eq!(twice, once, "{what}: not idempotent");
    once
}

#[test]
fn bundled_specs_and_fixtures_keep_their_meaning_and_are_stable() {
    let mut files = jx_files("specs");
    files.extend(jx_files("tests/fixtures"));
    assert!(files.len() > 20, "found {} files", files.len());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = format_checked(&text, &name(&path));
        // Fuzz-made inputs are held for the two promises above; their output is noise to review.
        if !name(&path).starts_with("tests/fixtures/fuzz/") {
            insta::assert_snapshot!(format!("fmt@{}", name(&path).replace('/', "__")), formatted);
        }
    }
}

#[test]
fn the_seed_spec_gets_canonical_operators_and_keeps_every_comment() {
    let path = Path::new(ROOT).join("specs/2023/gz-cac-2023.jx");
    let text = std::fs::read_to_string(path).unwrap();
    let formatted = format_source(&text).unwrap();
    assert!(formatted.contains("服务对象满意度          > 95%"));
    assert!(formatted.contains("> 120份"));
    assert!(!formatted.contains("大于95%"));
    let comments = |t: &str| -> Vec<String> {
        t.lines()
            .filter_map(|l| l.find('#').map(|at| l[at..].trim_end().to_owned()))
            .collect()
    };
    assert_eq!(comments(&formatted), comments(&text));
}

#[test]
fn messy_input_becomes_canonical() {
    let path = Path::new(ROOT).join("tests/fixtures/format/messy.jx");
    let text = std::fs::read_to_string(path).unwrap();
    let formatted = format_source(&text).unwrap();
    let expect = [
        "部门 \"示例部门\" 2023 {",
        "  预算 合计 100.00 财政拨款 100.00  # 万元",
        "  等级 “服务质量” 优秀 良好 一般",
        "    项目 \"宣传项目\" {  # 行尾注释",
        "      产出.数量     网络安全宣传册        >= 30000册",
        "      产出.数量     宣传周线上活动场次    2场  # 全角数字",
        "      效益.社会效益 网络安全知识知晓率    >= 90%",
        "      产出.时效     \"重大 舆情 报送时间\"  <= 3小时到达",
        "      产出          排行榜单推广期数      每季度 >= 1期",
        "      产出          网络安全抽查单位      15-20家",
        "      效益          舆情研判质量          >= 良好",
        "      满意度        服务对象满意度        >= 90%。",
        "      效益          防御能力              提升",
        "      产出          宣传资料              >= 3万册 权重 10  # 格式化不认识的尾巴原样保留",
        "    项目 \"涉密项目\" 涉密 {}",
    ];
    for line in expect {
        assert!(
            formatted.lines().any(|l| l == line),
            "missing {line:?} in\n{formatted}"
        );
    }
    assert!(!formatted.contains("\n\n\n"), "blank runs collapse");
    assert!(!formatted.starts_with('\u{FEFF}'));
    format_checked(&text, "messy.jx");
}

#[test]
fn syntax_errors_are_refused_unless_forced_and_unreadable_lines_stay_verbatim() {
    let text = "部门 \"部\" 2023 {\n预算单位 \"单位\" {\n项目 \"项\" {\n产出  宣传册\n产出 群众满意度 大于95%\n   这行   读不懂  \n}\n}\n}\n";
    let refused = format_source(text).unwrap_err();
    assert!(
        refused.iter().all(|d| d.rule().id == "JX0001"),
        "{refused:?}"
    );
    let forced = format_checked(text, "forced");
    assert!(forced.contains("\n      产出  宣传册\n"), "{forced}");
    assert!(forced.contains("\n      这行   读不懂\n"), "{forced}");
    assert!(forced.contains("群众满意度  > 95%"), "{forced}");
}

/// A small deterministic generator of specs: many spellings of targets, names with and without
/// quotes, odd spacing, comments in every place.
fn generated(seed: u64) -> String {
    const TARGETS: &[&str] = &[
        "大于95%",
        "＞95%",
        "超过120份",
        "不少于30000册",
        "3万册以上",
        "90%以上",
        "不低于90%",
        "＜=3s",
        "不超过3秒",
        "3秒以内",
        "15-20家",
        "1-24小时",
        "80%～90%",
        "1065期/年",
        "每季度至少1期",
        "＞100万条/年",
        "全网大于等于99.9%且单站大于等于96%",
        "无",
        "0次",
        "无发生重大安全生产事故",
        "信息内容平均阅读量较2022年增加5%",
        "2023年12月31日前",
        "良好",
        "95%",
        "提升",
        "满足合同需求",
        "１２个",
        "≥ 良好",
        "=100%",
        "为10个",
        "达到98%",
        "控制在5%以内",
        "少于3次",
        "1-2万册",
        "100%。",
        "> 90% 且 < 80%",
        "98",
        "累计不少于300篇",
        "每年累计不少于100篇",
        "3小时内",
    ];
    const CATEGORIES: &[&str] = &[
        "产出",
        "产出.数量",
        "产出/质量",
        "效益.社会效益",
        "满意度",
        "效果",
        "成本.经济成本",
    ];
    const NAMES: &[&str] = &[
        "网络安全宣传册",
        "群众满意度",
        "差错率",
        "处理时间(分钟)",
        "\"带 空格 的名称\"",
        "「系统 可用率」",
        "培训人次",
    ];
    const SPACES: &[&str] = &[" ", "  ", "\t", "　", "      "];
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut out =
        String::from("# 生成的规格\n部门 \"生成部门\" 2023 {\n等级 \"质量\" 优秀 良好 一般\n");
    for a in 0..1 + next(2) {
        out += &format!("{}预算单位 \"单位{a}\" {{\n", SPACES[next(SPACES.len())]);
        for p in 0..1 + next(3) {
            out += &format!(
                "项目 \"项目{p}\" {{{}\n",
                if next(3) == 0 { "  # 注释" } else { "" }
            );
            for i in 0..1 + next(8) {
                let sp = |k: usize| SPACES[k % SPACES.len()];
                out += &format!(
                    "{}{}{}{}{}{}{}\n",
                    sp(next(5)),
                    CATEGORIES[next(CATEGORIES.len())],
                    sp(next(5)),
                    NAMES[(i + next(NAMES.len())) % NAMES.len()]
                        .replace("名称", &format!("名称{i}")),
                    sp(next(5)),
                    TARGETS[next(TARGETS.len())],
                    if next(4) == 0 { "   # 行尾" } else { "" },
                );
                if next(6) == 0 {
                    out += "\n\n# 独占一行的注释\n";
                }
            }
            out += "}\n";
        }
        out += "}\n";
    }
    out + "}\n"
}

#[test]
fn generated_specs_keep_their_meaning_and_are_stable() {
    for seed in 0..300 {
        let text = generated(seed);
        assert!(format_source(&text).is_ok(), "seed {seed} parses:\n{text}");
        let formatted = format_checked(&text, &format!("seed {seed}:\n{text}"));
        for spelled in ["大于95%", "超过120份", "90%以上", "＞95%"] {
            assert!(
                !formatted.contains(spelled),
                "seed {seed}: {spelled} kept:\n{formatted}"
            );
        }
    }
}

fn jixiao(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn fmt_check_prints_a_diff_and_fmt_writes_the_file() {
    let dir = std::env::temp_dir().join(format!("jixiao-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.jx");
    std::fs::copy(
        Path::new(ROOT).join("tests/fixtures/format/messy.jx"),
        &file,
    )
    .unwrap();
    let check = jixiao(&["fmt", "--check", "a.jx"], &dir);
    assert_eq!(check.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&check.stdout);
    assert!(
        diff.contains("--- a.jx")
            && diff.contains("+      满意度        群众满意度            > 95%"),
        "{diff}"
    );
    let write = jixiao(&["fmt", "a.jx"], &dir);
    assert_eq!(write.status.code(), Some(0));
    let again = jixiao(&["fmt", "--check", "a.jx"], &dir);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
    std::fs::write(&file, "部门 \"部\" {\n  产出 群众满意度 大于95%\n").unwrap();
    let refused = jixiao(&["fmt", "a.jx"], &dir);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("JX0001"));
    assert!(
        std::fs::read_to_string(&file).unwrap().contains("大于95%"),
        "refused file untouched"
    );
    let forced = jixiao(&["fmt", "--force", "a.jx"], &dir);
    assert_eq!(forced.status.code(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}
