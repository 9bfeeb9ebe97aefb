#!/usr/bin/env bash
# Runs jixiao's pre-commit hook with the real pre-commit tool, installed from this repository's
# commit as a user would install it: on a scratch git repository holding a vague spec the hook
# must fail and name the rule; once the target is fixed it must pass.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rev="$(git -C "$root" rev-parse HEAD)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
# pre-commit builds the hook with `cargo install`; the project's target folder keeps the
# compiled dependencies between runs.
export CARGO_TARGET_DIR="$root/target/pre-commit"
# The hook's wiring is under test, not the binary's speed: an unoptimised release build takes a
# third of the time on CI's two cores.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

cd "$work"
git init -q repo && cd repo
git config user.email ci@example.com && git config user.name ci
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: jixiao
YAML
mkdir specs
cat >specs/2024.jx <<'JX'
部门 "示例部门" 2024 {
  预算单位 "示例单位" {
    项目 "示例项目" {
      产出   网络安全宣传册       >= 3万册
      效益   网络安全防御能力     提升
      满意度 群众满意度           > 95%
    }
  }
}
JX
git add -A

if python3 -m pre_commit run --all-files >"$work/first.log" 2>&1; then
  cat "$work/first.log"; echo "pre-commit passed a vague target"; exit 1
fi
grep -q "JX0101" "$work/first.log" || { cat "$work/first.log"; echo "the failure does not name JX0101"; exit 1; }

# The fix a reviewer asks for: a measurable rate in place of the vague 提升 (a bare
# 「…能力 >= 95%」 would still be refused, JX0109: 95% of what?).
sed -i 's/网络安全防御能力     提升/网络安全漏洞修复率   >= 95%/' specs/2024.jx
git add -A
python3 -m pre_commit run --all-files >"$work/second.log" 2>&1 || { cat "$work/second.log"; echo "pre-commit failed a fixed spec"; exit 1; }
echo "pre-commit hook: fails on a vague target (JX0101), passes once fixed"
