#!/usr/bin/env bash
# The peer benchmark: ruff (the linter of a neighbouring field, from PyPI) on a fixed corpus of
# Python source and jixiao on a spec corpus of about the same size, in one run, pair by pair
# (alternated, so the load of the machine falls on both alike). Prints MB per CPU-second for each
# and their ratio.
#
#   benches/peer.sh [PAIRS]      # default 5 pairs
#
# Python corpus: the standard library of the python3 on PATH (its `*.py` files, tests included),
#   ruff with its default rules and no cache.
# Spec corpus: the files of `cargo bench --bench national` (JIXIAO_BENCH_INDICATORS of them),
#   as many of its files as make up the Python corpus' size.
# CPU time is user + system of each process (GNU time, or bash's `times` when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
pairs="${1:-5}"
work=target/peer
mkdir -p "$work"

if [ ! -x "$work/venv/bin/ruff" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet ruff
fi
ruff="$work/venv/bin/ruff"
stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
python_bytes=$(find "$stdlib" -name '*.py' -not -path '*/site-packages/*' -printf '%s\n' | awk '{s+=$1} END {print s}')

cargo build --release --locked --quiet
jixiao=target/release/jixiao
national="target/national/${JIXIAO_BENCH_INDICATORS:-1000000}"
if [ ! -f "$national/complete" ]; then
  JIXIAO_BENCH_INDICATORS="${JIXIAO_BENCH_INDICATORS:-1000000}" cargo bench --bench national >/dev/null
fi
# As many spec files as make the Python corpus' bytes, linked into one folder.
specs="$work/specs"
rm -rf "$specs"; mkdir -p "$specs"
spec_bytes=0
while read -r size path; do
  [ "$spec_bytes" -ge "$python_bytes" ] && break
  ln -s "$(realpath "$path")" "$specs/$(basename "$path")"
  spec_bytes=$((spec_bytes + size))
done < <(find "$national" -name '*.jx' -printf '%s %p\n' | sort -k2)

cpu() { # cpu COMMAND...: prints the command's user+system seconds
  local out; out=$(mktemp)
  /usr/bin/time -f '%U %S' -o "$out" "$@" >/dev/null 2>&1 || true
  awk '{print $1 + $2}' "$out"; rm -f "$out"
}

echo "python: $((python_bytes / 1000000)) MB of $stdlib, $($ruff --version)"
echo "specs:  $((spec_bytes / 1000000)) MB in $(ls "$specs" | wc -l) files of $national"
printf '%-5s %12s %12s %8s\n' pair 'ruff MB/s' 'jixiao MB/s' ratio
total_ruff=0; total_jixiao=0
for i in $(seq 1 "$pairs"); do
  r=$(cpu "$ruff" check --no-cache --exit-zero --quiet "$stdlib")
  j=$(cpu "$jixiao" check --format concise --exit-zero "$specs/")
  rm=$(awk -v b="$python_bytes" -v s="$r" 'BEGIN {printf "%.1f", b / 1e6 / s}')
  jm=$(awk -v b="$spec_bytes" -v s="$j" 'BEGIN {printf "%.1f", b / 1e6 / s}')
  printf '%-5s %12s %12s %8s\n' "$i" "$rm" "$jm" "$(awk -v a="$jm" -v b="$rm" 'BEGIN {printf "%.2f", a / b}')"
  total_ruff=$(awk -v a="$total_ruff" -v b="$r" 'BEGIN {print a + b}')
  total_jixiao=$(awk -v a="$total_jixiao" -v b="$j" 'BEGIN {print a + b}')
done
awk -v pb="$python_bytes" -v sb="$spec_bytes" -v r="$total_ruff" -v j="$total_jixiao" -v n="$pairs" 'BEGIN {
  printf "all   %12.1f %12.1f %8.2f   (MB per CPU-second over %d pairs)\n", pb * n / 1e6 / r, sb * n / 1e6 / j, (sb / j) / (pb / r), n
}'
