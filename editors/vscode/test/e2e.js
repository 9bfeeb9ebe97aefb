// A real VS Code running the jixiao extension: code-server (VS Code in the browser) with
// jixiao.vsix installed, driven through Chromium by playwright-core. Opens $FILE_NAME from the
// workspace folder $FOLDER served at $URL and proves, through what the workbench shows, that
// the extension contributes the language and grammar and that `jixiao lsp` answers with
// diagnostics, hover and formatting.
// Run by ../test.sh; exits 0 when every check passes, 1 otherwise. Screenshots go to $SHOTS.
"use strict";

const path = require("path");
const { chromium } = require("playwright-core");

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const URL_BASE = env("URL");
const FOLDER = env("FOLDER");
const FILE_NAME = env("FILE_NAME");
const SHOTS = env("SHOTS");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT = 30000; // per wait; the whole run is bounded by test.sh

let failures = 0;
function check(ok, what, detail) {
  if (ok) {
    console.log(`ok   ${what}`);
  } else {
    failures += 1;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ""}`);
  }
}

// Waits for `locator` to be visible; returns whether it was, instead of throwing, so that one
// missing feature is reported as such and the remaining checks still run.
async function appears(locator, timeout = TIMEOUT) {
  try {
    await locator.waitFor({ state: "visible", timeout });
    return true;
  } catch {
    return false;
  }
}

// The editor's rendered text, with the non-breaking spaces Monaco renders turned back to spaces.
async function editorText(editor) {
  return (await editor.locator(".view-lines").innerText()).replace(/\u00a0/g, " ");
}

// Runs a command by its title from the command palette (F1).
async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible", timeout: TIMEOUT });
  await input.fill(`>${title}`);
  const row = page
    .locator(".quick-input-widget .monaco-list-row")
    .filter({ has: page.locator(".label-name", { hasText: new RegExp(`^${title}$`) }) });
  await row.first().waitFor({ state: "visible", timeout: TIMEOUT });
  await row.first().click();
}

async function main(page) {
  await page.goto(`${URL_BASE}/?folder=${encodeURIComponent(FOLDER)}`);

  // Open the file from the Explorer, as a user would.
  const entry = page.locator(".explorer-folders-view .monaco-list-row", { hasText: FILE_NAME });
  await entry.waitFor({ state: "visible", timeout: 60000 });
  await entry.dblclick();
  const editor = page.locator(".editor-instance .monaco-editor").first();
  await editor.locator(".view-line", { hasText: "部门" }).first().waitFor({ timeout: TIMEOUT });

  // The language comes from the extension's package.json: the status bar names it.
  const mode = page.locator("[id='status.editor.mode']");
  const modeShown = await appears(mode.filter({ hasText: "jixiao" }));
  check(modeShown, "language mode", modeShown ? "" : await mode.innerText().catch(() => "none"));

  // Diagnostics: the vague target 满意 is JX0101, in the Problems panel (Ctrl+Shift+M).
  await page.keyboard.press("Control+Shift+M");
  const marker = page.locator(".markers-panel .monaco-list-row", { hasText: "JX0101" });
  const markerShown = await appears(marker.first());
  const problems = await page
    .locator(".markers-panel")
    .innerText()
    .catch(() => "no Problems panel");
  check(markerShown, "diagnostics", markerShown ? "" : problems);
  const squiggle = editor.locator(".squiggly-error");
  check(await appears(squiggle.first()), "error squiggle in the editor");

  // Grammar: the TextMate scope of 部门, as "Inspect Editor Tokens and Scopes" shows it.
  await editor.locator(".view-line span span", { hasText: /^部门$/ }).first().click();
  await runCommand(page, "Developer: Inspect Editor Tokens and Scopes");
  const inspect = page.locator(".token-inspect-widget");
  const scopeShown = await appears(inspect.filter({ hasText: "keyword.control.block.jixiao" }));
  check(scopeShown, "grammar", scopeShown ? "" : await inspect.innerText().catch(() => "no widget"));
  await page.keyboard.press("Escape");

  // Hover on 大于70%: the normalized meaning.
  await editor.locator(".view-line span span", { hasText: /^大于$/ }).first().hover();
  const hover = page.locator(".monaco-hover-content", { hasText: "> 70%" });
  const hoverShown = await appears(hover.first());
  check(
    hoverShown,
    "hover",
    hoverShown ? "" : (await page.locator(".monaco-hover-content").allInnerTexts()).join(" | ")
  );
  await page.screenshot({ path: path.join(SHOTS, "hover.png") });
  await page.mouse.move(0, 0);

  // Formatting: Format Document makes the buffer what `jixiao fmt` writes.
  await editor.locator(".view-line", { hasText: "部门" }).first().click();
  await runCommand(page, "Format Document");
  const want = "网络安全知识知晓率  > 70%";
  let formatted = false;
  try {
    await page.waitForFunction(
      (w) => {
        const lines = document.querySelector(".editor-instance .monaco-editor .view-lines");
        return lines && lines.innerText.replace(/\u00a0/g, " ").includes(w);
      },
      want,
      { timeout: TIMEOUT }
    );
    formatted = true;
  } catch {}
  check(formatted, "formatting", formatted ? "" : await editorText(editor));

  // The edit reached the server: it checks the formatted text again and the Problems panel
  // moves JX0101 to where 满意 now stands.
  const lines = (await editorText(editor)).split("\n");
  const row = lines.findIndex((line) => line.includes("群众满意度"));
  const column = lines[row].indexOf("满意", lines[row].indexOf("群众满意度") + 5) + 1;
  const position = `[Ln ${row + 1}, Col ${column}]`;
  const moved = await appears(
    page.locator(".markers-panel .monaco-list-row", { hasText: "JX0101" }).filter({ hasText: position })
  );
  const problemsNow = moved ? "" : await page.locator(".markers-panel").innerText();
  check(moved, `diagnostics after the edit at ${position}`, problemsNow);
  await page.screenshot({ path: path.join(SHOTS, "formatted.png") });
}

(async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await main(page);
  } catch (error) {
    check(false, "script", error.message.split("\n")[0]);
  }
  if (failures > 0) {
    await page.screenshot({ path: path.join(SHOTS, "failure.png") }).catch(() => {});
  }
  await browser.close();
  if (failures === 0) {
    console.log("vscode: language, grammar, diagnostics, hover and formatting arrived");
  }
  process.exit(failures === 0 ? 0 : 1);
})();
