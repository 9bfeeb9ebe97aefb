// Opens each HTML report in headless Chromium and checks what a reader relies on: no console
// error, no request leaves the page (the file is self-contained), the charts are drawn, and the
// figures on the page are the ones `--format json` gives for the same run. Screenshots go to
// $SHOTS for a person to look at; the phone-sized one too. Usage: node e2e.js CASES.json
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.CHROMIUM || "chromium";
const SHOTS = process.env.SHOTS || ".";
const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let failures = 0;
function check(ok, what, detail = "") {
  console.log(`${ok ? "ok" : "FAIL"} - ${what}${ok || !detail ? "" : `: ${detail}`}`);
  if (!ok) failures += 1;
}

async function open(browser, file, viewport) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  const requests = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => r.url().startsWith("file:") || requests.push(r.url()));
  const started = Date.now();
  await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
  return { page, errors, requests, ms: Date.now() - started };
}

const number = (text) => Number(String(text).replace(/[%,]/g, ""));

async function checkReport(page, c) {
  const json = c.kind === "review" ? null : JSON.parse(fs.readFileSync(c.json, "utf8"));
  if (c.kind === "check") {
    const errors = json.filter((f) => f.severity === "error").length;
    const warnings = json.filter((f) => f.severity === "warning").length;
    check(number(await page.textContent("[data-errors]")) === errors, `${c.name}: errors = JSON`, `${errors}`);
    check(number(await page.textContent("[data-warnings]")) === warnings, `${c.name}: warnings = JSON`, `${warnings}`);
    check((await page.locator(".finding").count()) === json.length, `${c.name}: one block per finding`);
    const byRule = {};
    json.forEach((f) => (byRule[f.code] = (byRule[f.code] || 0) + 1));
    for (const [code, n] of Object.entries(byRule)) {
      const shown = number(await page.textContent(`tr[data-rule="${code}"] [data-count]`));
      check(shown === n, `${c.name}: ${code} count = JSON`, `${shown} vs ${n}`);
    }
    // The overview of several files: each file's counts and its worst grade, linked.
    for (const row of await page.locator("tr[data-file]").all()) {
      const file = await row.getAttribute("data-file");
      const mine = json.filter((f) => f.file === file);
      check(number(await row.locator("[data-file-errors]").textContent()) === mine.filter((f) => f.severity === "error").length, `${c.name}: ${file} errors = JSON`);
      check(number(await row.locator("[data-file-warnings]").textContent()) === mine.filter((f) => f.severity === "warning").length, `${c.name}: ${file} warnings = JSON`);
      if (c.review) {
        const grades = [...fs.readFileSync(c.review, "utf8").split(`\n## ${file}\n`)[1].split("\n## ")[0].matchAll(/审核结果：\*\*(.)\*\*/g)].map((m) => m[1]);
        const worst = ["差", "中", "良", "优"].find((g) => grades.includes(g));
        check((await row.locator("[data-file-grade]").textContent()) === worst, `${c.name}: ${file} grade = review`, worst);
      }
    }
  } else if (c.kind === "monitor") {
    const rows = json.projects.flatMap((p) => p.indicators);
    check((await page.locator("tr[data-indicator]").count()) === rows.length, `${c.name}: every indicator`);
    for (const project of json.projects) {
      const s = page.locator(`section[data-project="${project.name}"][data-agency="${project.agency}"]`);
      check((await s.locator("h2 [data-light]").getAttribute("data-light")) === project.light, `${c.name}: ${project.name} light = JSON`, project.light);
      if (project.execution) {
        const shown = await s.locator("[data-execution-light]").getAttribute("data-execution-light");
        check(shown === project.execution.light, `${c.name}: ${project.name} execution light = JSON`);
      }
      const trs = s.locator("tr[data-indicator]");
      for (let i = 0; i < project.indicators.length; i += 1) {
        const row = project.indicators[i];
        const tr = trs.nth(i);
        const pct = (v) => (v === null || v === undefined ? "—" : `${Number(v)}%`);
        check((await tr.getAttribute("data-indicator")) === row.name, `${c.name}: ${row.name} in order`);
        check((await tr.locator("[data-light]").getAttribute("data-light")) === row.light, `${c.name}: ${row.name} light = JSON`, row.light);
        check((await tr.locator("[data-ratio]").textContent()) === pct(row.ratio), `${c.name}: ${row.name} ratio = JSON`, `${row.ratio}`);
        check((await tr.locator("[data-deviation]").textContent()) === pct(row.deviation), `${c.name}: ${row.name} deviation = JSON`, `${row.deviation}`);
      }
    }
    const labels = { red: "红灯", yellow: "黄灯", blue: "蓝灯", green: "绿灯", none: "无灯" };
    for (const [key, label] of Object.entries(labels)) {
      const n = rows.filter((r) => r.light === key).length;
      check(number(await page.textContent(`[data-light-count="${label}"]`)) === n, `${c.name}: ${label} count = JSON`, `${n}`);
    }
    check((await page.locator(".finding").count()) === json.findings.length, `${c.name}: one block per finding`);
  } else if (c.kind === "review") {
    // The Markdown 审核意见 of the same run: each project's grade, in order.
    const markdown = fs.readFileSync(c.json, "utf8");
    const grades = [...markdown.matchAll(/^### 项目「(.*)」（预算单位「(.*)」）\n\n(?:审核结果：\*\*(.)\*\*|涉密)/gm)];
    const sections = page.locator("section[data-project]");
    check((await sections.count()) === grades.length, `${c.name}: every project`, `${grades.length}`);
    for (let i = 0; i < grades.length; i += 1) {
      const [, name, agency, grade] = grades[i];
      const s = sections.nth(i);
      check((await s.getAttribute("data-project")) === name && (await s.getAttribute("data-agency")) === agency, `${c.name}: ${name} in order`);
      if (grade) check((await s.locator("[data-grade]").textContent()) === grade, `${c.name}: ${name} grade = Markdown`, grade);
    }
    for (const g of ["优", "良", "中", "差"]) {
      const n = grades.filter((m) => m[3] === g).length;
      check(number(await page.textContent(`[data-grade-count="${g}"]`)) === n, `${c.name}: ${g} count = Markdown`, `${n}`);
    }
    const items = markdown.split("\n").filter((l) => l.startsWith("- ") && !l.startsWith("- **") && !l.startsWith("- 可衡量率")).length;
    check((await page.locator("li.finding-item").count()) === items, `${c.name}: every finding`, `${items}`);
    return;
  } else {
    for (const section of json.sections) {
      const s = page.locator(`section[data-section="${section.title}"]`);
      check(number(await s.locator("[data-score]").textContent()) === Number(section.score), `${c.name}: ${section.title} score = JSON`, section.score);
      check(number(await s.locator("[data-rate]").textContent()) === Number(section.rate), `${c.name}: ${section.title} rate = JSON`, section.rate);
      check((await s.locator("[data-grade]").textContent()) === section.grade, `${c.name}: ${section.title} grade = JSON`);
      const items = section.rows.filter((r) => r.row === "item");
      check((await s.locator("tr[data-item]").count()) === items.length, `${c.name}: ${section.title} every indicator`);
      for (const item of items) {
        const shown = await s.locator(`tr[data-item="${item.name}"] [data-item-score]`).first().textContent();
        const want = `${item.score === null ? "—" : item.score}/${item.weight}`;
        check(shown === want, `${c.name}: ${item.name} score = JSON`, `${shown} vs ${want}`);
      }
    }
    check((await page.locator(".finding").count()) === json.findings.length, `${c.name}: one block per finding`);
  }
  check((await page.locator("svg.chart rect").count()) > 0, `${c.name}: charts drawn`);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const c of cases) {
      const { page, errors, requests, ms } = await open(browser, c.html, { width: 1200, height: 900 });
      check(errors.length === 0, `${c.name}: no console error`, errors.join("; "));
      check(requests.length === 0, `${c.name}: no network request`, requests.join(" "));
      if (c.json) await checkReport(page, c);
      if (c.time) console.log(`# ${c.name}: loaded in ${ms} ms`);
      await page.screenshot({ path: path.join(SHOTS, `${c.name}.png`), fullPage: !c.time });
      await page.close();
      if (!c.time) {
        const phone = await open(browser, c.html, { width: 390, height: 844 });
        const wide = await phone.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
        check(!wide, `${c.name}: fits a phone's width`);
        await phone.page.screenshot({ path: path.join(SHOTS, `${c.name}-phone.png`) });
        await phone.page.pdf?.({ path: path.join(SHOTS, `${c.name}.pdf`), format: "A4" }).catch(() => {});
        await phone.page.close();
      }
    }
  } catch (error) {
    check(false, "script", error.message.split("\n")[0]);
  } finally {
    await browser.close();
  }
  console.log(failures ? `${failures} failed` : "all passed");
  process.exit(failures ? 1 : 0);
})();
