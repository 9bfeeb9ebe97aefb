#!/usr/bin/env bash
# Builds the VS Code extension: installs its npm dependencies and packages jixiao.vsix here.
# Install it with `code --install-extension editors/vscode/jixiao.vsix`; `jixiao` must be on
# PATH (cargo install --path .) or named in the `jixiao.path` setting.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npx vsce package --out jixiao.vsix
echo "built $(pwd)/jixiao.vsix"
