#!/usr/bin/env bash
# `check --annotate` read back by openpyxl (tests/ci/annotated_workbook.py): a corpus table and
# the styled several-sheet fixture, each against its original and the JSON of the same run; and
# `eval --annotate` on the self-evaluation fixture (a computed score on every reported one).
# Uses $JIXIAO if set, else target/debug/jixiao; the annotated copies stay in target/annotate/.
set -euo pipefail
cd "$(dirname "$0")/../.."
JIXIAO="${JIXIAO:-$(pwd)/target/debug/jixiao}"
out="$(pwd)/target/annotate"
mkdir -p "$out"
for input in tests/corpus/tables/ah-chizhou-guichi-cunji-2022/table.xlsx tests/fixtures/annotate/styled.xlsx; do
  name="$(basename "$(dirname "$input")")-$(basename "$input" .xlsx)"
  "$JIXIAO" check "$input" --format json --annotate "$out/$name.xlsx" > "$out/$name.json" || [ $? = 1 ]
  python3 tests/ci/annotated_workbook.py "$input" "$out/$name.xlsx" "$out/$name.json"
done
self_eval=tests/fixtures/annotate/self-eval.xlsx
"$JIXIAO" eval specs/2021/gz-cac-2021-self-eval.jx --actuals "$self_eval" --annotate "$out/self-eval.xlsx" > /dev/null || [ $? = 1 ]
python3 tests/ci/annotated_workbook.py --eval "$self_eval" "$out/self-eval.xlsx"
