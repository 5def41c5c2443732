#!/usr/bin/env node
// Opens an HTML report in headless Chromium and checks it the way a person would use it, over
// the DevTools protocol on a pipe (--remote-debugging-pipe: no port, no extra package).
//
// usage: node html_report_browser.js CHROMIUM REPORT.html CHECKS.json
// CHECKS: {
//   "screenshot": "out.png",                  written after the first render
//   "detail_screenshot": "detail.png",        optional: after expanding `expand`
//   "total": N,                               findings the page must report after loading
//   "first_page": N,                          rows the first page must show
//   "max_render_ms": N,                       navigation until the first page is drawn
//   "filters": [{"text"|"category"|"severity"|"language": …, "expect": N}],
//   "sort": true,                             check header clicks sort the rows
//   "expand": {"text": "…", "expect_selectors": ["pre.claims", …], "expect_text": ["…"],
//              "forbid_text": ["…"]}          filter to one finding, open it, look inside
// }
// Prints one JSON line of measurements; exits 1 on any failed check (each printed), 2 when
// the browser cannot be driven.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [chromium, reportPath, checksPath] = process.argv.slice(2);
if (!chromium || !reportPath || !checksPath) {
  console.error("usage: node html_report_browser.js CHROMIUM REPORT.html CHECKS.json");
  process.exit(2);
}
const checks = JSON.parse(fs.readFileSync(checksPath, "utf8"));
const failures = [];
const fail = (msg) => { failures.push(msg); console.log("FAIL " + msg); };

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "capmig-chromium-"));
const browser = spawn(chromium, [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
  "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
  "--disable-extensions", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--hide-scrollbars", "--mute-audio", "--window-size=1280,900", "about:blank",
], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
let stderr = "";
browser.stdio[2].on("data", (d) => { stderr += d; });

// DevTools protocol: NUL-terminated JSON messages, fd 3 to the browser, fd 4 from it.
let nextId = 1;
const pending = new Map();
const listeners = [];
let inbox = Buffer.alloc(0);
browser.stdio[4].on("data", (chunk) => {
  inbox = Buffer.concat([inbox, chunk]);
  let end;
  while ((end = inbox.indexOf(0)) >= 0) {
    const msg = JSON.parse(inbox.subarray(0, end).toString("utf8"));
    inbox = inbox.subarray(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else if (msg.method) {
      for (const l of listeners) l(msg);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const msg = { id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  browser.stdio[3].write(JSON.stringify(msg) + "\0");
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let watchdog;

async function main() {
  watchdog = setTimeout(() => { console.log("FAIL the browser did not finish within 120 s"); cleanup(2); }, 120000);
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const page = (method, params) => send(method, params, sessionId);

  const problems = [], requests = [];
  listeners.push((m) => {
    if (m.sessionId !== sessionId) return;
    const p = m.params;
    if (m.method === "Runtime.exceptionThrown")
      problems.push("exception: " + (p.exceptionDetails.exception?.description || p.exceptionDetails.text));
    if (m.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert" || p.type === "warning"))
      problems.push("console." + p.type + ": " + p.args.map((a) => a.value ?? a.description).join(" "));
    if (m.method === "Log.entryAdded" && (p.entry.level === "error" || p.entry.level === "warning"))
      problems.push("log " + p.entry.level + " (" + p.entry.source + "): " + p.entry.text);
    if (m.method === "Network.requestWillBeSent" && !/^(file|data|about):/.test(p.request.url))
      requests.push(p.request.url);
  });
  await page("Runtime.enable");
  await page("Log.enable");
  await page("Network.enable");
  await page("Page.enable");
  await page("Emulation.setDeviceMetricsOverride", { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });

  const evaluate = async (expression) => {
    const r = await page("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error("evaluate: " + (r.exceptionDetails.exception?.description || r.exceptionDetails.text));
    return r.result.value;
  };
  const status = () => evaluate(`(() => { const s = document.getElementById("status");
      return { matching: Number(s.dataset.matching), rows: document.querySelectorAll("#rows tr.finding").length,
               pageSize: Number(document.getElementById("pagesize").value) }; })()`);

  const url = "file://" + path.resolve(reportPath);
  const t0 = Date.now();
  await page("Page.navigate", { url });
  let ready = false;
  while (Date.now() - t0 < 60000) {
    try { ready = await evaluate(`document.location.href === ${JSON.stringify(url)} && document.body && document.body.dataset.ready === "true"`); } catch { ready = false; }
    if (ready) break;
    await sleep(10);
  }
  const renderMs = Date.now() - t0;
  if (!ready) throw new Error("the report never finished its first render: " + problems.join("; "));
  const first = await status();
  if (checks.total !== undefined && first.matching !== checks.total) fail(`total: page reports ${first.matching} findings, expected ${checks.total}`);
  if (checks.first_page !== undefined && first.rows !== checks.first_page) fail(`first page: ${first.rows} rows, expected ${checks.first_page}`);
  if (checks.max_render_ms !== undefined && renderMs > checks.max_render_ms) fail(`first render took ${renderMs} ms (limit ${checks.max_render_ms} ms)`);

  if (checks.screenshot) {
    const shot = await page("Page.captureScreenshot", { format: "png" });
    fs.writeFileSync(checks.screenshot, Buffer.from(shot.data, "base64"));
  }

  // Filters: typed into the search box as keystrokes would, chosen from the selects.
  const selectTimes = [];
  const applyFilter = async (f) => {
    await evaluate(`(() => { const i = document.getElementById("filter"); i.value = ""; i.focus(); })()`);
    if (f.text) await page("Input.insertText", { text: f.text });
    else await evaluate(`document.getElementById("filter").dispatchEvent(new Event("input"))`);
    // A select filters synchronously in its change handler: timed inside the page.
    const selectMs = await evaluate(`(() => { const t0 = performance.now();
        for (const k of ["category", "severity", "language"]) {
          const s = document.getElementById(k), want = ${JSON.stringify(f)}[k] || "";
          if (s.value !== want) { s.value = want; s.dispatchEvent(new Event("change")); } }
        return Math.round(performance.now() - t0); })()`);
    if (f.category || f.severity || f.language) selectTimes.push(selectMs);
    const started = Date.now();
    let s = await status();
    // The text filter waits for typing to pause; poll until the count settles.
    while (Date.now() - started < 5000) {
      await sleep(200);
      const again = await status();
      if (again.matching === s.matching && again.rows === s.rows && Date.now() - started > 400) break;
      s = again;
    }
    return s;
  };
  const filterTimes = [];
  for (const f of checks.filters || []) {
    const started = Date.now();
    const s = await applyFilter(f);
    filterTimes.push(Date.now() - started);
    const label = JSON.stringify(Object.fromEntries(Object.entries(f).filter(([k]) => k !== "expect")));
    if (s.matching !== f.expect) fail(`filter ${label}: ${s.matching} findings, expected ${f.expect}`);
    if (s.rows !== Math.min(s.matching, s.pageSize))
      fail(`filter ${label}: ${s.rows} rows shown for ${s.matching} matching`);
  }
  await applyFilter({});

  if (checks.sort) {
    const column = (i) => evaluate(`Array.from(document.querySelectorAll("#rows tr.finding")).map((tr) => tr.children[${i}].textContent)`);
    const click = (key) => evaluate(`document.querySelector('#findings th[data-key="${key}"]').click()`);
    const rank = { high: 0, medium: 1, low: 2, info: 3 };
    await click("severity");
    let sev = await column(1);
    if (!sev.every((s, i) => i === 0 || rank[sev[i - 1]] <= rank[s])) fail("sort by severity: rows are not high to info: " + sev.join(","));
    await click("severity");
    sev = await column(1);
    if (!sev.every((s, i) => i === 0 || rank[sev[i - 1]] >= rank[s])) fail("sort by severity again: rows are not info to high");
    await click("location");
    const locs = (await column(4)).map((l) => l.replace(/:\d+(:\d+)?$/, ""));
    if (!locs.every((l, i) => i === 0 || locs[i - 1] <= l)) fail("sort by location: paths are not in order");
    const sortedHeader = await evaluate(`document.querySelector('#findings th[data-key="location"]').getAttribute("aria-sort")`);
    if (sortedHeader !== "ascending") fail("sort by location: header says " + sortedHeader);
    await click("n");
  }

  if (checks.expand) {
    const e = checks.expand;
    const s = await applyFilter({ text: e.text });
    if (s.matching !== 1) fail(`expand: filter ${JSON.stringify(e.text)} matches ${s.matching} findings, expected 1`);
    await evaluate(`document.querySelector("#rows tr.finding").click()`);
    const detail = await evaluate(`(() => { const d = document.querySelector("#rows tr.detail");
        if (!d) return null;
        d.scrollIntoView({ block: "start" });
        return { text: d.innerText, found: ${JSON.stringify(e.expect_selectors || [])}.map((q) => d.querySelectorAll(q).length) }; })()`);
    if (!detail) {
      fail("expand: clicking the row opened no detail");
    } else {
      (e.expect_selectors || []).forEach((q, i) => { if (!detail.found[i]) fail(`expand: no ${q} in the detail`); });
      for (const t of e.expect_text || []) if (!detail.text.includes(t)) fail(`expand: the detail does not show ${JSON.stringify(t)}`);
      for (const t of e.forbid_text || []) if (detail.text.includes(t)) fail(`expand: the detail shows ${JSON.stringify(t)}`);
    }
    if (checks.detail_screenshot) {
      const shot = await page("Page.captureScreenshot", { format: "png" });
      fs.writeFileSync(checks.detail_screenshot, Buffer.from(shot.data, "base64"));
    }
  }

  await sleep(100);  // late console messages
  for (const p of problems) fail("the page logged " + p);
  for (const r of requests) fail("the page requested " + r);
  const heap = await page("Runtime.getHeapUsage").catch(() => null);
  console.log(JSON.stringify({ report: reportPath, render_ms: renderMs, findings: first.matching, first_page_rows: first.rows,
                               filter_ms: filterTimes, select_filter_ms: selectTimes, heap_mb: heap ? Math.round(heap.usedSize / 1048576) : null }));
}

function cleanup(code) {
  clearTimeout(watchdog);
  try { browser.kill("SIGKILL"); } catch {}
  try { fs.rmSync(profile, { recursive: true, force: true }); } catch {}
  process.exit(code);
}

main().then(() => cleanup(failures.length ? 1 : 0), (err) => {
  console.log("ERROR " + err.message);
  if (stderr) console.log(stderr.split("\n").slice(-5).join("\n"));
  cleanup(2);
});
