//! The rule table: every code jixiao reports, its name, default severity, messages and examples.
//!
//! Messages are templates keyed by code; `{name}` placeholders are filled from a diagnostic's
//! arguments, so a second language is a second table, not a rewrite.
//! Every rule carries a failing and a passing example (the body of one project), and a test runs
//! both: the failing one must yield exactly this code, the passing one nothing.

use serde::Serialize;

use super::Severity;

/// A stable diagnostic code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Code {
    SyntaxError,
    UnknownCategory,
    InputLimit,
    VagueTarget,
    UnmeasurableTarget,
    MissingOperator,
    MissingUnit,
    UnitMismatch,
    OutOfRange,
    BadRange,
    DuplicateIndicator,
    MissingCategory,
    AmountMismatch,
    BelowThreshold,
    BadSuppression,
    UnusedSuppression,
    ConfigError,
    UnplacedRow,
    UnreadableIndicator,
    DeducedAmountColumn,
    AmbiguousAmountColumn,
    NumberingGap,
    UnknownColumn,
    MissingColumn,
    CountMismatch,
    UnreadableTable,
}

/// One row of the rule table.
#[derive(Debug)]
pub struct Rule {
    pub code: Code,
    /// Stable identifier, `JX` and four digits: the first two say the stage.
    pub id: &'static str,
    /// Kebab-case name used in output, configuration and suppressions.
    pub name: &'static str,
    pub severity: Severity,
    /// One line saying what the rule finds.
    pub title: &'static str,
    pub message: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    /// Why the rule exists and what a compliant target looks like.
    pub explanation: &'static str,
    /// The body of a project that triggers exactly this rule.
    pub bad: &'static str,
    /// The same body, fixed.
    pub good: &'static str,
}

const CATEGORIES_OK: &str = "  产出 网络安全宣传册 >= 3万册\n  效益 网络安全知识知晓率 > 70%\n";

pub static RULES: &[Rule] = &[
    Rule {
        code: Code::SyntaxError,
        id: "JX0001",
        name: "syntax-error",
        severity: Severity::Error,
        title: "无法读取的行",
        message: "{detail}",
        label: "{label}",
        help: "{help}",
        explanation: "每行只写一条语句：`部门`、`预算单位`、`项目` 打开一个块并以 `{` 结尾，`}` 关闭块；块内可写 `预算`、`目标`、`等级` 和指标行（`类别 名称 指标值`）。读不懂的行单独报告，其余各行照常检查。",
        bad: "  产出 网络安全宣传册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  产出 网络安全宣传册 >= 3万册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::UnknownCategory,
        id: "JX0002",
        name: "unknown-category",
        severity: Severity::Error,
        title: "未知的指标类别",
        message: "未知的{level}指标类别「{word}」",
        label: "不是{level}指标",
        help: "{level}指标应为：{allowed}",
        explanation: "指标行以类别开头：一级为 产出、效益、满意度、成本（可带“指标”二字，`效果` 视同 效益）；二级用 `.` 接在一级之后，如 `产出.数量`、`效益.社会效益`、`成本.经济成本`。地方写法 进度→时效、环境效益→生态效益 会自动归并。",
        bad: "  产量 网络安全宣传册 >= 3万册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  产出.数量 网络安全宣传册 >= 3万册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::InputLimit,
        id: "JX0003",
        name: "input-limit",
        severity: Severity::Error,
        title: "输入超出限制",
        message: "{detail}",
        label: "超出限制",
        help: "把文件拆小，或检查是否误读了非规格文件",
        explanation: "为了在任何输入上都不崩溃、不挂起，jixiao 对单个文件的大小（8 MiB）、行长和行数设有上限；超出时只报告这一条，不再解析。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::VagueTarget,
        id: "JX0101",
        name: "vague-target",
        severity: Severity::Error,
        title: "指标值含模糊用语，无法衡量",
        message: "指标值「{text}」不可衡量：{reason}",
        label: "模糊用语「{word}」",
        help: "写成可核对的数值，如 `{example}`；定性指标请先用 `等级` 声明等级，再写其中一级",
        explanation: "绩效指标应当细化、量化、可衡量（财预〔2021〕101号）；确实无法量化的，应分级分档表述（财政支出绩效评价管理暂行办法第十四条）。`提升`、`满足`、`良好`、`正面效应` 之类的词没有可核对的数值，也没有声明的等级，评价时无法判断是否完成。",
        bad: "  产出 网络安全宣传册 >= 3万册\n  效益 网络安全防御能力 提升\n  满意度 群众满意度 > 95%\n",
        good: "  产出 网络安全宣传册 >= 3万册\n  效益 攻防演练发现问题整改率 >= 95%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::UnmeasurableTarget,
        id: "JX0102",
        name: "unmeasurable-target",
        severity: Severity::Warning,
        title: "指标值是一句描述，没有数值或等级",
        message: "指标值「{text}」没有可核对的数值或等级",
        label: "描述性指标值",
        help: "写出完成的标准：数量（`>= 1个`）、比率（`= 100%`）、时限（`2023年12月31日前`），或声明等级后写等级",
        explanation: "描述性的指标值（如“通过保密验收”“完成年度工作任务”）说了要做什么，却没有说做到什么程度算完成。它不一定含糊，但评价时只能靠主观判断。改写为比率、数量、时限，或用 `等级` 声明的定性等级。",
        bad: "  产出 保密机房改造建设面积 15平方米\n  效益 项目实施达到保密要求 通过保密验收\n  满意度 服务对象满意度 大于95%\n",
        good: "  产出 保密机房改造建设面积 15平方米\n  效益 保密验收通过率 = 100%\n  满意度 服务对象满意度 大于95%\n",
    },
    Rule {
        code: Code::MissingOperator,
        id: "JX0103",
        name: "missing-operator",
        severity: Severity::Warning,
        title: "数值没有比较符，方向不明",
        message: "「{text}」没有写比较符，从指标名称「{name}」也看不出数值越高越好还是越低越好",
        label: "缺少比较符",
        help: "写明比较符，如 `>= {value}` 或 `<= {value}`",
        explanation: "不带比较符的数值（`95%`）通常按计划数理解；但当指标名称看不出方向时（既不是“合格率”“满意度”这类越高越好，也不是“差错率”“处理时间”这类越低越好），评价者无法判断超出或不足是否算完成。",
        bad: "  产出 网络安全宣传册 >= 3万册\n  效益 本地企业参与 30%\n  满意度 群众满意度 > 95%\n",
        good: "  产出 网络安全宣传册 >= 3万册\n  效益 本地企业参与 >= 30%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::MissingUnit,
        id: "JX0104",
        name: "missing-unit",
        severity: Severity::Error,
        title: "数值没有计量单位",
        message: "数值 {value} 没有计量单位",
        label: "缺少计量单位",
        help: "{help_detail}",
        explanation: "定量指标必须有计量单位（预算系统的计量单位列为必填）。没有单位的 `>= 50` 无法与实际完成值比较，也无法换算。",
        bad: "  产出 网络安全宣传册 >= 30000\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  产出 网络安全宣传册 >= 30000册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::UnitMismatch,
        id: "JX0105",
        name: "unit-mismatch",
        severity: Severity::Warning,
        title: "计量单位与指标不符",
        message: "{detail}",
        label: "计量单位「{unit}」",
        help: "{help_detail}",
        explanation: "指标名称中写明的单位（如“处理时间(分钟)”）、比率类指标（率、满意度）应有的单位，与指标值的单位应当一致。量纲相同但单位不同（分钟与小时）可以换算，但读者容易误读；量纲不同（个与平方米）则根本无法比较。",
        bad: "  产出 故障平均处理时间(分钟) <= 2小时\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  产出 故障平均处理时间(分钟) <= 120分钟\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::OutOfRange,
        id: "JX0106",
        name: "out-of-range",
        severity: Severity::Error,
        title: "比率超出 0–100%",
        message: "「{name}」是比率，目标 {value} 超出 0–100%",
        label: "超出 0–100%",
        help: "比率、覆盖率、满意度的目标应在 0% 到 100% 之间；PDF 转文字时 `≥` 常被误读成数字 2（`292%` 原为 `≥92%`），请核对原表",
        explanation: "率、覆盖率、满意度以百分比计时不能超过 100%，也不能为负。超出的值多半是录入或转换错误。",
        bad: "  产出 维修验收合格率 292%\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  产出 维修验收合格率 >= 92%\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::BadRange,
        id: "JX0107",
        name: "bad-range",
        severity: Severity::Error,
        title: "区间颠倒、为空或条件互相矛盾",
        message: "{detail}",
        label: "{label}",
        help: "{help_detail}",
        explanation: "区间 `15-20家` 先写下限、后写上限；下限大于上限的区间没有任何值能满足。用 `且` 连接的条件必须能同时成立，`> 90% 且 < 80%` 永远无法完成。",
        bad: "  产出 网络安全抽查单位 20-15家\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  产出 网络安全抽查单位 15-20家\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::DuplicateIndicator,
        id: "JX0201",
        name: "duplicate-indicator",
        severity: Severity::Error,
        title: "同一项目内指标重名",
        message: "指标「{name}」在本项目中重复",
        label: "重复的指标",
        help: "合并为一条，或改名以区分（如“线上活动场次”“线下活动场次”）",
        explanation: "同一项目内的三级指标名称应唯一，否则实际完成值和得分无法对应到指标。",
        bad: "  产出 网络安全宣传册 >= 3万册\n  产出 网络安全宣传册 >= 2万册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  产出 网络安全宣传册 >= 3万册\n  产出 网络安全宣传海报 >= 2万张\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::MissingCategory,
        id: "JX0202",
        name: "missing-category",
        severity: Severity::Warning,
        title: "项目缺少产出、效益或满意度指标",
        message: "项目「{name}」没有{missing}指标",
        label: "缺少{missing}指标",
        help: "每个项目至少设一条产出、一条效益、一条满意度指标；涉密项目请在项目名后写 `涉密`",
        explanation: "项目绩效目标一般包括产出、效益、满意度三类一级指标（财预〔2020〕10号附件；各地填报说明）。缺少其中一类，评价时对应的分值（产出 50、效益 30、满意度 10）无从计算。涉密项目依规不公开指标，标注 `涉密` 即可。",
        bad: CATEGORIES_OK,
        good: "  产出 网络安全宣传册 >= 3万册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::AmountMismatch,
        id: "JX0301",
        name: "amount-mismatch",
        severity: Severity::Error,
        title: "金额不平",
        message: "{what}的{column} {stated} 万元与{parts}之和 {sum} 万元不符（差 {diff} 万元）",
        label: "写明 {stated}",
        help: "{help_detail}",
        explanation: "项目的总计应等于各资金来源（财政拨款、财政专户拨款、其他资金）之和；预算单位的各列应等于其项目之和；部门的各列应等于其预算单位之和。金额以万元计，精确到分（两位小数），不做近似。",
        bad: "  预算 总计 125.00 财政拨款 120.00\n  产出 网络安全宣传册 >= 3万册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  预算 总计 125.00 财政拨款 125.00\n  产出 网络安全宣传册 >= 3万册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::BelowThreshold,
        id: "JX0108",
        name: "below-threshold",
        severity: Severity::Error,
        title: "指标值低于规定的最低标准",
        message: "「{name}」的指标值 {stated} 低于 jixiao.toml 规定的最低标准 {min}",
        label: "低于 {min}",
        help: "把指标值提高到不低于 {min}，或在 jixiao.toml 的 [[thresholds]] 中调整该标准",
        explanation: "财政部门常对某类指标规定最低目标，例如满意度类指标不得低于 85%。在 jixiao.toml 中写 `[[thresholds]]`，给出 `category`（一级或 一级.二级）、`min`（如 \"85%\"）和可选的 `name-contains`；目标下限（>=、>、区间下限）低于该值、且单位可比时报告。没有配置时本规则不起作用。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::BadSuppression,
        id: "JX0701",
        name: "bad-suppression",
        severity: Severity::Error,
        title: "无效的豁免注释",
        message: "无效的豁免注释：{detail}",
        label: "{detail}",
        help: "写成 `# jixiao: allow(规则名) 原因：……`，规则名见 `jixiao explain`，原因必填",
        explanation: "豁免注释让一条指标、一个项目或整个文件不报告某条规则：写在指标行末或紧挨其上一行，只管这一行；写在 `项目`/`预算单位`/`部门` 行末或其上一行，管整个块；`# jixiao: allow-file(规则名) 原因：……` 管整个文件。必须写明原因，评审时可见。规则名写错或缺少原因的豁免不生效，并报告本规则。",
        bad: "  产出 网络安全宣传册 >= 3万册  # jixiao: allow(vague-targets) 原因：上级下达\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  产出 网络安全宣传册 >= 3万册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::UnusedSuppression,
        id: "JX0702",
        name: "unused-suppression",
        severity: Severity::Warning,
        title: "豁免注释没有用到",
        message: "豁免注释 allow({rule}) 没有豁免任何问题",
        label: "此处没有 {rule} 问题",
        help: "问题已修正时删去这条豁免注释",
        explanation: "豁免只应留给确有原因、暂不能改的指标。指标改好之后豁免仍留着，会让以后真正的问题被悄悄放过，所以没有用到的豁免也要报告。",
        bad: "  产出 网络安全宣传册 >= 3万册  # jixiao: allow(vague-target) 原因：上级下达\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
        good: "  产出 网络安全宣传册 >= 3万册\n  效益 网络安全知识知晓率 > 70%\n  满意度 群众满意度 > 95%\n",
    },
    Rule {
        code: Code::ConfigError,
        id: "JX0703",
        name: "config-error",
        severity: Severity::Error,
        title: "配置文件有误",
        message: "jixiao.toml：{detail}",
        label: "{detail}",
        help: "可用的键见 `jixiao config --schema` 输出的 JSON Schema；改正后重新运行",
        explanation: "jixiao.toml 里写错的键或值不会被悄悄忽略：拼错的规则名、未知的键、类型不对的值都会指到配置文件中的位置。配置有误时，该配置整个不生效，按默认设置检查。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::UnplacedRow,
        id: "JX0601",
        name: "unplaced-row",
        severity: Severity::Error,
        title: "导入时无法归位的行",
        message: "{place}：{detail}",
        label: "无法归位",
        help: "{help_detail}",
        explanation: "导入表格时，每一行都必须落到某个部门、预算单位或项目上。读不出归属的行（如出现在任何项目之前的指标行、没有项目名称的行、与前面的行金额矛盾的行）不会被猜测归位，而是在这里报告，并且不写入规格；导入的计数会把它算作“未导入”。修改源表格，或用 `--columns` 指明列的含义后重新导入。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::UnreadableIndicator,
        id: "JX0602",
        name: "unreadable-indicator",
        severity: Severity::Error,
        title: "导入时无法拆分的指标",
        message: "{place}：指标「{text}」无法导入：{detail}",
        label: "无法拆分",
        help: "{help_detail}",
        explanation: "一条指标要写成规格中的一行，必须能读出一级指标（产出、效益、满意度、成本）、三级指标名称和指标值。PDF 表格中指标写作“1、产出指标：名称，年度指标值：值。”；CSV/XLSX 中是一级指标、三级指标、指标值各列。缺少其中一项、或一级指标不认识的，不猜测补全，而是报告在这里，该指标不写入规格。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::DeducedAmountColumn,
        id: "JX0603",
        name: "deduced-amount-column",
        severity: Severity::Warning,
        title: "金额所在的列由算术推定",
        message: "{place}：「{name}」的 {amount} 万元记为{column}：{detail}",
        label: "按算术推定为{column}",
        help: "请对照原表核对这一列；确认无误后可忽略此提示",
        explanation: "PDF 抽取文本会丢掉空单元格，一行只剩“总计 + 一个数”时看不出第二个数在哪一列，约定读作财政拨款。若按约定读，预算单位某一列与其项目之和不平，而把其中唯一一组项目改读为财政专户拨款（或其他资金）后各列恰好相平，导入时就按算术改读，并在规格中注释、在这里提示。金额本身一字不改。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::AmbiguousAmountColumn,
        id: "JX0604",
        name: "ambiguous-amount-column",
        severity: Severity::Error,
        title: "金额所在的列无法确定",
        message: "{place}：预算单位「{name}」的金额按约定读不平，算术也不能唯一确定各数所在的列：{detail}",
        label: "列位置不明",
        help: "对照原表，在生成的规格中给相应项目的金额写明列名，如 `预算 总计 443.24 财政专户拨款 443.24`",
        explanation: "PDF 抽取文本丢掉空单元格后，两个数的行默认读作总计 + 财政拨款。若预算单位的各列与项目之和不平，而又找不到唯一一组改读能使其相平（没有，或不止一组），导入不作猜测：金额按约定写入，在这里报告，`jixiao check` 也会报告 amount-mismatch。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::NumberingGap,
        id: "JX0605",
        name: "numbering-gap",
        severity: Severity::Warning,
        title: "指标编号不连续",
        message: "{place}：指标编号从 {previous} 跳到 {number}",
        label: "编号跳跃",
        help: "核对原表是否漏掉了指标（PDF 抽取可能丢行）；编号从 1 重新开始不算跳跃",
        explanation: "PDF 表格中的指标写作“1、…2、…”。编号跳跃（1、2、4）常常说明抽取时丢了一条指标。编号中途从 1 重新开始在公开表格中常见，照录顺序并在规格中注释，不报告。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::UnknownColumn,
        id: "JX0606",
        name: "unknown-column",
        severity: Severity::Warning,
        title: "表格中有不认识的列",
        message: "{place}：不认识列名「{heading}」，这一列不导入",
        label: "不认识的列",
        help: "如果这一列有用，用 `--columns \"{heading}=指标值\"` 之类的写法指明它对应的字段",
        explanation: "CSV/XLSX 的列按列名识别（项目名称、一级指标、二级指标、三级指标、指标值、计算符号、计量单位、指标值类型、指标解释、权重、评(扣)分标准等，以及常见的别名）。不认识的列不导入，并在这里提示，免得数据悄悄丢失。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::MissingColumn,
        id: "JX0607",
        name: "missing-column",
        severity: Severity::Error,
        title: "表格缺少必需的列",
        message: "{place}：找不到「{column}」列",
        label: "缺少的列",
        help: "表头应包含 项目名称、一级指标、三级指标（指标名称）和 指标值；列名不同时用 `--columns \"原列名=三级指标\"` 指明",
        explanation: "一行一条指标的表格至少要有项目名称、一级指标、三级指标名称和指标值四列，否则无法把一行读成一条指标。导入会在前 20 行中寻找表头。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::CountMismatch,
        id: "JX0608",
        name: "count-mismatch",
        severity: Severity::Error,
        title: "导入前后的计数不符",
        message: "源表格中找到{what} {found} 个，未导入 {skipped} 个，规格中写入 {written} 个",
        label: "计数不符",
        help: "这是导入程序的缺陷，请附上源文件报告；生成的规格不可信",
        explanation: "导入时，源表格中的每个预算单位、项目、指标和金额，要么写入规格，要么有一条诊断说明它为什么没有写入。导入结束后重新解析生成的规格并清点，找到的数目必须等于写入数加未导入数。",
        bad: "",
        good: "",
    },
    Rule {
        code: Code::UnreadableTable,
        id: "JX0609",
        name: "unreadable-table",
        severity: Severity::Error,
        title: "文件无法读作表格",
        message: "{detail}",
        label: "无法读取",
        help: "{help_detail}",
        explanation: "CSV 须为 UTF-8 或 GB18030（GBK）编码；XLSX 须能打开并至少有一个带表头的工作表；文本须是 PDF 绩效目标表抽取出的文字。读不了的文件不生成规格。",
        bad: "",
        good: "",
    },
];

impl Code {
    /// This code's row of the rule table.
    pub fn rule(self) -> &'static Rule {
        // The table lists every code once, in declaration order; `tests/tidy.rs` checks it.
        RULES
            .iter()
            .find(|rule| rule.code == self)
            .unwrap_or(&RULES[0])
    }

    pub fn id(self) -> &'static str {
        self.rule().id
    }

    pub fn name(self) -> &'static str {
        self.rule().name
    }

    /// The code a rule id or name stands for.
    pub fn lookup(key: &str) -> Option<Code> {
        lookup(key).map(|rule| rule.code)
    }
}

/// Finds a rule by its id (`JX0101`) or name (`vague-target`), ignoring case.
pub fn lookup(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|rule| rule.id.eq_ignore_ascii_case(key) || rule.name.eq_ignore_ascii_case(key))
}
