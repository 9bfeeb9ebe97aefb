// The VS Code client: starts `jixiao lsp` (path from the `jixiao.path` setting) for *.jx files.
// Everything the editor shows comes from the server; this file only connects the two.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("jixiao").get("path", "jixiao");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "jixiao",
    "jixiao",
    { run: server, debug: server },
    { documentSelector: [{ language: "jixiao" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
