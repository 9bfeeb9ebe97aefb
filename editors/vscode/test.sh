#!/usr/bin/env bash
# Runs the extension in a real VS Code: builds jixiao.vsix (build.sh), installs it into
# code-server (VS Code 1.100 in the browser, pinned in test/package-lock.json), opens
# editors/neovim/sample.jx there in headless Chromium and checks, with test/e2e.js, the language
# mode, the grammar, diagnostics, hover, formatting and the re-check after the edit. Screenshots
# and logs go to target/vscode-e2e/.
# Uses $JIXIAO if set, else target/debug/jixiao (built if missing). Needs Node.js 20 and npm,
# Chromium ($CHROMIUM, else `chromium`; Debian: chromium) and a C++ toolchain for code-server's
# native modules (Debian: build-essential python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
if [ -z "${JIXIAO:-}" ]; then
  [ -x target/debug/jixiao ] || cargo build --quiet
  JIXIAO="$root/target/debug/jixiao"
fi
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$CHROMIUM" ] || { echo "vscode test: no chromium on PATH (set \$CHROMIUM)" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || { echo "vscode test: code-server 4.100 needs Node.js 20, not $node_major" >&2; exit 1; }

tmp="$(mktemp -d)"
server=""
cleanup() {
  # code-server runs in its own process group (setsid): end it with its extension host and
  # `jixiao lsp`.
  if [ -n "$server" ]; then kill -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
step() { # step NAME COMMAND...: runs quietly, shows the output only when it fails
  if ! "${@:2}" >"$tmp/step.log" 2>&1; then
    cat "$tmp/step.log" >&2
    echo "vscode test: $1 failed" >&2
    exit 1
  fi
}

# The extension, as users get it.
step "building jixiao.vsix" editors/vscode/build.sh

# code-server, once per lockfile and version of this script. Its own install script builds every native module of VS Code
# and downloads ripgrep from GitHub, so the steps are done here instead, with scripts off: the
# modules a workbench without terminal or search needs are built from source (argon2 for
# code-server's start-up, spdlog for VS Code's logs, native-watchdog for the extension host),
# ripgrep's folder is left empty, and the links the script would make are made.
e2e="$root/editors/vscode/test"
vscode="$e2e/node_modules/code-server/lib/vscode"
stamp="$e2e/node_modules/.jixiao-e2e-ready"
want_stamp="$(cat "$e2e/package-lock.json" "$0" | sha256sum)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want_stamp" ]; then
  cd "$e2e"
  step "npm ci (code-server, playwright-core)" npm ci --ignore-scripts --no-audit --no-fund
  step "building argon2" npm rebuild argon2 --build-from-source
  cd "$vscode"
  step "installing VS Code's modules" npm install --omit=dev --ignore-scripts --no-audit --no-fund
  step "building VS Code's native modules" npm rebuild @vscode/spdlog native-watchdog
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sfn node_modules node_modules.asar
  ln -sfn code-linux.sh bin/remote-cli/code-server
  ln -sfn browser-linux.sh bin/helpers/browser.sh
  cd "$root"
  echo "$want_stamp" >"$stamp"
fi
code_server="$e2e/node_modules/.bin/code-server"

# A workspace with the sample and the setting that names the server; a fresh profile.
mkdir -p "$tmp/ws" "$tmp/data/User" "$tmp/ext"
cp editors/neovim/sample.jx "$tmp/ws/sample.jx"
cat >"$tmp/data/User/settings.json" <<EOF
{
  "jixiao.path": "$JIXIAO",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none"
}
EOF
: >"$tmp/config.yaml"
# code-server keeps its own logs and heartbeat under $XDG_DATA_HOME whatever the user data dir.
export XDG_DATA_HOME="$tmp/xdg-data" XDG_CONFIG_HOME="$tmp/xdg-config"
common=(--config "$tmp/config.yaml" --user-data-dir "$tmp/data" --extensions-dir "$tmp/ext")
step "installing jixiao.vsix" "$code_server" "${common[@]}" \
  --install-extension "$root/editors/vscode/jixiao.vsix"

# The server, on a free port it reports in its log.
setsid "$code_server" "${common[@]}" --bind-addr 127.0.0.1:0 --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$tmp/ws" >"$tmp/server.log" 2>&1 &
server=$!
url=""
for _ in $(seq 600); do
  url="$(sed -n 's|.*HTTP server listening on \(http://127\.0\.0\.1:[0-9]*\).*|\1|p' "$tmp/server.log")"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  cat "$tmp/server.log" >&2
  echo "vscode test: code-server did not start" >&2
  exit 1
fi

shots="$root/target/vscode-e2e"
rm -rf "$shots" && mkdir -p "$shots"
if ! URL="$url" FOLDER="$tmp/ws" FILE_NAME=sample.jx SHOTS="$shots" CHROMIUM="$CHROMIUM" \
  timeout 300 node "$e2e/e2e.js"; then
  status=1
else
  status=0
fi
# The logs beside the screenshots: code-server's, and VS Code's own (extension host, client).
cp "$tmp/server.log" "$shots/code-server.log"
cp -r "$tmp/data/logs" "$shots/logs" 2>/dev/null || true
if [ "$status" != 0 ]; then
  echo "vscode test: failed; screenshots and logs in $shots" >&2
  exit 1
fi
echo "screenshots and logs in $shots"
