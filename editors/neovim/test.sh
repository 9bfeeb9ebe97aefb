#!/usr/bin/env bash
# Runs Neovim headless with its built-in LSP client against `jixiao lsp` (editors/neovim/test.lua).
# Uses $JIXIAO if set, else target/debug/jixiao (built if missing). Needs `nvim` (Debian: neovim).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JIXIAO:-}" ]; then
  [ -x target/debug/jixiao ] || cargo build --quiet
  JIXIAO="$(pwd)/target/debug/jixiao"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp editors/neovim/sample.jx "$tmp/sample.jx"
JIXIAO="$JIXIAO" FILE="$tmp/sample.jx" timeout 120 \
  nvim --headless -u NONE -i NONE -n -c "luafile editors/neovim/test.lua" 2>&1
