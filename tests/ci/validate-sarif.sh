#!/usr/bin/env bash
# Validates jixiao's SARIF against the official SARIF 2.1.0 JSON schema (as shipped in the npm
# package @microsoft/jest-sarif), with Python's jsonschema. Also proves the validator bites: a
# SARIF document with a field of the wrong type must be rejected.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jixiao="${JIXIAO:-$root/target/debug/jixiao}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null && tar xzf ./*.tgz)
schema="$work/package/lib/schemas/sarif-2.1.0-rtm.5.json"

(cd "$root" && "$jixiao" check --format sarif --exit-zero specs tests/fixtures) >"$work/out.sarif"

python3 - "$schema" "$work/out.sarif" <<'PY'
import json, sys
import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
for error in errors:
    print("SARIF invalid at", "/".join(map(str, error.path)), ":", error.message)
if errors:
    sys.exit(1)
results = doc["runs"][0]["results"]
rules = doc["runs"][0]["tool"]["driver"]["rules"]
assert results and rules, "the check must produce results and rules to validate"
print(f"SARIF valid: {len(results)} results, {len(rules)} rules")

broken = json.loads(json.dumps(doc))
broken["runs"][0]["results"][0]["ruleIndex"] = "first"
if not list(validator.iter_errors(broken)):
    print("the validator accepted a broken document")
    sys.exit(1)
PY
