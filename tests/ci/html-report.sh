#!/usr/bin/env bash
# The HTML reports (`--format html`) in real headless Chromium (tests/ci/html/e2e.js): for the
# check of the bundled specs and a folder of them (its grades against the 审核意见), the 审核意见
# page (`--format review-html`, against the Markdown), the monitoring of June 2023, and the
# evaluation of the 2021 seed and of the rule-forms fixture, each page opens with no console error and no network request, draws its
# charts, and shows the figures of `--format json` for the same run. Screenshots go to
# target/html-report/. A generated report of 1,000 projects is timed (figure in the README).
# Uses $JIXIAO if set, else target/debug/jixiao; Chromium from $CHROMIUM or `chromium`.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
JIXIAO="${JIXIAO:-$root/target/debug/jixiao}"
[ -x "$JIXIAO" ] || cargo build --quiet
export CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$CHROMIUM" ] || { echo "html test: no chromium on PATH (set \$CHROMIUM)" >&2; exit 1; }
out="$root/target/html-report"
rm -rf "$out"; mkdir -p "$out/specs"
export SHOTS="$out"

# The inbox of a reviewer: the bundled specs, several times over, as separate files.
for i in 1 2 3; do cp specs/2023/gz-cac-2023.jx "$out/specs/dept-$i.jx"; done
report() { # report NAME KIND ARGS...: the HTML and the JSON of one run
  local name=$1 kind=$2; shift 2
  "$JIXIAO" "$@" --format html -o "$out/$name.html" || [ $? = 1 ]
  "$JIXIAO" "$@" --format json > "$out/$name.json" || [ $? = 1 ]
  printf '{"name":"%s","kind":"%s","html":"%s","json":"%s"},' "$name" "$kind" "$out/$name.html" "$out/$name.json"
}
{
  printf '['
  report check-specs check check specs/
  report check-inbox check check "$out/specs"
  # The check overview's grades come from the 审核意见 of the same run.
  "$JIXIAO" check "$out/specs" --format review > "$out/check-inbox.md" || [ $? = 1 ]
  printf '{"name":"check-inbox-graded","kind":"check","html":"%s","json":"%s","review":"%s"},' "$out/check-inbox.html" "$out/check-inbox.json" "$out/check-inbox.md"
  # The 审核意见 as a page against its Markdown, and a monitoring run against its JSON.
  "$JIXIAO" check specs/ --format review-html -o "$out/review-specs.html" || [ $? = 1 ]
  "$JIXIAO" check specs/ --format review > "$out/review-specs.md" || [ $? = 1 ]
  printf '{"name":"review-specs","kind":"review","html":"%s","json":"%s"},' "$out/review-specs.html" "$out/review-specs.md"
  report monitor-2023-06 monitor monitor specs/2023/gz-cac-2023.jx --actuals specs/2023/monitor-2023-06.toml --month 6
  report eval-2021 eval eval specs/2021/gz-cac-2021-self-eval.jx --actuals specs/2021/gz-cac-2021-actuals.toml
  report eval-forms eval eval tests/fixtures/eval/rule-forms.jx --actuals tests/fixtures/eval/rule-forms.toml
  # 1,000 projects in one file, for the load time.
  python3 - "$out/large.jx" <<'PY'
import sys
lines = ['部门 "示例部门" 2023 {', '  预算单位 "示例单位" {']
for p in range(1000):
    lines += [f'    项目 "项目{p}" {{', f'      产出.数量 培训人次{p} >= {p + 10}人次', f'      效益 服务覆盖率{p} 提升',
              f'      满意度 群众满意度{p} 良好', '    }']
lines += ['  }', '}']
open(sys.argv[1], 'w').write('\n'.join(lines) + '\n')
PY
  "$JIXIAO" check "$out/large.jx" --format html -o "$out/large.html" || [ $? = 1 ]
  printf '{"name":"large-1000-projects","kind":"check","html":"%s","time":true}]' "$out/large.html"
} > "$out/cases.json"

e2e="$root/tests/ci/html"
if [ ! -d "$e2e/node_modules/playwright-core" ]; then
  (cd "$e2e" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi
node "$e2e/e2e.js" "$out/cases.json"
