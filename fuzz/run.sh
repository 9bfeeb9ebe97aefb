#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader (cargo-fuzz, libFuzzer; nightly only here).
#   fuzz/run.sh SECONDS [TARGET...]   each target for SECONDS (default: all targets)
#   FUZZ_RUNS=N fuzz/run.sh ...        and stop a target sooner once it has run N inputs
#   FUZZ_CPU_SECONDS=N fuzz/run.sh ... or once its process has used N seconds of CPU (the
#                                      issue's "one CPU-hour" on cores shared with other work)
# Seeds come from the bundled specs, fixtures, actuals and corpus (fuzz/corpus/<target>/, made
# here and not committed); the dictionary from every literal of the grammar plus units and
# grades (fuzz/dict/). Crashes land in fuzz/artifacts/<target>/ and fail the run; each one fixed
# gets a regression test holding its input (tests/robustness.rs).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-30}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(spec value format edits actuals xlsx annotate import_text import_sheet documents lsp)
root=..

# The dictionary: grammar literals (no escapes) and the unit and grade words of the specs.
mkdir -p dict
{
  grep -oh '"[^"\\]*"' "$root"/grammar/*.pest | grep -v '^""$'
  cat dict/extra.dict
} | sort -u \
  | perl -ne 'chomp; next unless /^"(.*)"$/; my $v = $1; $v =~ s/([^\x20-\x7e]|\\)/sprintf("\\x%02X", ord($1))/ge; print "\"$v\"\n"' \
  > "dict/jixiao.dict.$$"  # libFuzzer reads printable ASCII only: every other byte as \xNN
mv -f "dict/jixiao.dict.$$" dict/jixiao.dict  # whole, for a run started beside this one

wanted() { [[ " ${targets[*]} " == *" $1 "* ]]; } # wanted TARGET: is it one this run fuzzes
# Only the targets this run fuzzes are seeded: runs side by side must not write the same files.
seed() { # seed TARGET FILES...: one corpus file per input file
  wanted "$1" || return 0
  local dir="corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp -f "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
}
specs=$(find "$root/specs" "$root/tests/fixtures" -name '*.jx')
seed spec $specs
seed format $specs
seed edits $specs
seed import_text $(find "$root/tests/fixtures/import" -name '*.txt') \
  $(find "$root/tests/corpus/text" -name 'source.txt')
seed xlsx $(find "$root/tests/fixtures" -name '*.xlsx')
seed import_sheet $(find "$root/tests/fixtures" "$root/tests/corpus/tables" -name '*.xlsx' -o -name '*.csv')
seed annotate $(find "$root/tests/fixtures" "$root/tests/corpus/tables" -name '*.xlsx' | head -20)
# Documents: the first byte chooses the reader (0 docx, 1 html, 2 text table, 3 PDF layout text).
if wanted documents; then
  mkdir -p corpus/documents
  for f in $(find "$root/tests/corpus/tables" -name 'table.docx' | head -20); do
    { printf '\x00'; cat "$f"; } > "corpus/documents/d-$(basename "$(dirname "$f")")"
  done
  for f in $(find "$root/tests/corpus/tables" -name 'table.html' | head -20); do
    { printf '\x01'; cat "$f"; } > "corpus/documents/h-$(basename "$(dirname "$f")")"
  done
  for f in "$root"/tests/fixtures/import/*.md "$root"/tests/fixtures/import/*.tsv; do
    { printf '\x02'; cat "$f"; } > "corpus/documents/t-$(basename "$f")"
  done
fi
# Values: every target of the specs, one per file (-a: fuzz fixtures hold control characters).
if wanted value; then
  mkdir -p corpus/value
  grep -ah '^ *\(产出\|效益\|满意度\|成本\|指标\)' $specs | awk '{ $1=""; $2=""; sub(/^ +/, ""); print }' \
    | sort -u | head -2000 | split -l 1 - corpus/value/v-
fi
if wanted actuals; then
  mkdir -p corpus/actuals
  for f in $(find "$root/specs" "$root/tests/fixtures/eval" -name '*.toml' -o -name '*.json' -o -name '*.csv'); do
    case "$f" in *.toml) p='\x00' ;; *.json) p='\x01' ;; *) p='\x02' ;; esac
    { printf "$p"; cat "$f"; } > "corpus/actuals/$(basename "$f")"
  done
fi
mkdir -p corpus/lsp
printf 'Content-Length: 52\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' > corpus/lsp/initialize

# No sanitizer: the project forbids `unsafe`, so AddressSanitizer finds nothing the Rust checks
# do not, and costs a third of the speed and twice the build; debug assertions stay on
# (overflow checks), so arithmetic that wraps is a crash.
build_flags="-O -a -s none"

cpu_seconds() { # cpu_seconds PID: user + system time of one process, in whole seconds
  local fields
  fields=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  set -- $fields  # after the name: state is field 1, utime field 12, stime field 13
  echo $(( (${12} + ${13}) / $(getconf CLK_TCK) ))
}

descendant_named() { # descendant_named PID NAME: the first process below PID called NAME
  local child
  for child in $(pgrep -P "$1"); do
    if [ "$(cat "/proc/$child/comm" 2>/dev/null)" = "$2" ]; then echo "$child"; return 0; fi
    descendant_named "$child" "$2" && return 0
  done
  return 1
}

stop_at_cpu_seconds() { # stop_at_cpu_seconds RUNNER TARGET N: interrupt the fuzzer at N CPU-seconds
  local fuzzer=""
  while kill -0 "$1" 2>/dev/null; do
    [ -n "$fuzzer" ] || fuzzer=$(descendant_named "$1" "$2" || true)
    if [ -n "$fuzzer" ] && [ "$(cpu_seconds "$fuzzer")" -ge "$3" ]; then
      echo "cpu: $3 s"; kill -INT "$fuzzer" 2>/dev/null || true; break
    fi
    sleep 5
  done
}

status=0
for t in "${targets[@]}"; do
  echo "== $t (${seconds}s)"
  log="$(mktemp)"
  cargo +nightly fuzz run $build_flags "$t" "corpus/$t" -- -dict=dict/jixiao.dict -max_total_time="$seconds" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} \
    -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1 &
  runner=$!
  [ -z "${FUZZ_CPU_SECONDS:-}" ] || stop_at_cpu_seconds "$runner" "$t" "$FUZZ_CPU_SECONDS"
  # An interrupt at the CPU budget is the end of a run (libFuzzer still prints its final stats).
  wait "$runner" || grep -q 'libFuzzer: run interrupted' "$log" || status=1
  # The coverage reached (the last `cov:` libFuzzer printed), the final stats, and any crash.
  grep -E ' cov: ' "$log" | tail -1 | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [^ ]+).*/\1/' || true
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|==[0-9]+==|SUMMARY|Test unit written)' "$log" || true
  rm -f "$log"
  if compgen -G "artifacts/$t/*" >/dev/null; then echo "$t: crash inputs in fuzz/artifacts/$t/"; status=1; fi
done
exit $status
