#include "analyzer/report/html_assets.h"

namespace capmig::report {

const std::string_view kHtmlReportCss = R"CSS(
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg2:#f6f8fa; --accent:#0969da;
  --high:#b2182b; --medium:#e69f00; --low:#0072b2; --info:#6e7781;
  --del:#ffebe9; --delmark:#ffc1c0; --add:#dafbe1; --addmark:#aceebb; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0; }
header, main { padding: 0 24px; }
header { border-bottom: 1px solid var(--line); padding-bottom: 8px; }
h1 { font-size: 22px; margin: 16px 0 4px; }
h2 { font-size: 17px; margin: 20px 0 8px; }
h3 { font-size: 14px; margin: 12px 0 6px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--bg2); border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto;
  max-height: 420px; margin: 6px 0; white-space: pre; }
.muted { color: var(--muted); }
.overview { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.overview table { border-collapse: collapse; }
.overview td, .overview th { padding: 2px 10px 2px 0; text-align: right; }
.overview td:first-child, .overview th:first-child { text-align: left; }
.stat { font-size: 15px; margin: 4px 0; }
#remaining-work { border-collapse: collapse; margin: 6px 0; }
#remaining-work caption { text-align: left; font-weight: 600; }
#remaining-work td { padding: 1px 10px 1px 0; vertical-align: top; }
#remaining-work td.count { text-align: right; font-weight: 600; }
.sev { display: inline-block; min-width: 58px; padding: 0 6px; border-radius: 10px; color: #fff;
  font-size: 12px; text-align: center; }
.sev-high { background: var(--high); } .sev-medium { background: var(--medium); color: var(--fg); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.chart text { font-size: 11px; fill: var(--fg); }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 12px 0 8px; }
.controls input[type=search] { width: 320px; padding: 4px 8px; }
.controls select, .controls button, .pager button { padding: 3px 8px; }
table.findings { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.findings th, table.findings td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left;
  vertical-align: top; overflow: hidden; text-overflow: ellipsis; }
table.findings td { white-space: nowrap; }
table.findings th { background: var(--bg2); cursor: pointer; user-select: none; position: sticky; top: 0; }
table.findings th[aria-sort=ascending]::after { content: " ▲"; }
table.findings th[aria-sort=descending]::after { content: " ▼"; }
tr.finding { cursor: pointer; }
tr.finding:hover { background: #f3f8ff; }
tr.finding.open { background: #eaf2ff; }
tr.detail > td { white-space: normal; background: #fff; padding: 4px 12px 16px 28px; }
col.c-n { width: 52px; } col.c-sev { width: 86px; } col.c-cat { width: 150px; } col.c-lang { width: 96px; }
col.c-loc { width: 30%; } col.c-rule { width: 190px; }
.pager { display: flex; gap: 8px; align-items: center; margin: 8px 0 24px; }
table.mapping { border-collapse: collapse; margin: 6px 0; }
table.mapping th, table.mapping td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
table.mapping th { background: var(--bg2); }
.diag { color: var(--medium); font-weight: 600; }
.donotuse { color: var(--high); font-weight: 700; }
table.sbs { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 6px 0; }
table.sbs th { background: var(--bg2); border: 1px solid var(--line); padding: 3px 8px; text-align: left; }
table.sbs td { border-left: 1px solid var(--line); border-right: 1px solid var(--line); padding: 0 8px;
  white-space: pre-wrap; word-break: break-all; vertical-align: top; }
table.sbs td.del { background: var(--del); } table.sbs td.add { background: var(--add); }
table.sbs td.del mark { background: var(--delmark); } table.sbs td.add mark { background: var(--addmark); }
table.sbs td.none { background: var(--bg2); }
.reasons li { margin: 2px 0; }
details > summary { cursor: pointer; }
)CSS";

const std::string_view kHtmlReportJs = R"JS(
"use strict";
(function () {
  // The data block stores each repeated value once (json_dedup.h): {table, data}, where a
  // string "\u0001<i>" stands for table[i]. Resolved once; a shared entry becomes one object.
  const data = (function (block) {
    const resolved = new Map();
    function walk(v) {
      if (typeof v === "string") {
        if (v.charCodeAt(0) !== 1) return v;
        const i = Number(v.slice(1));
        if (!resolved.has(i)) {
          const entry = block.table[i];
          resolved.set(i, typeof entry === "string" ? entry : walk(entry));
        }
        return resolved.get(i);
      }
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === "object") {
        const o = {};
        for (const k of Object.keys(v)) o[k] = walk(v[k]);
        return o;
      }
      return v;
    }
    return walk(block.data);
  })(JSON.parse(document.getElementById("capmig-data").textContent));
  const findings = data.findings;
  const SEVERITY_RANK = { high: 0, medium: 1, low: 2, info: 3 };
  const $ = (id) => document.getElementById(id);

  // Every piece of report text goes through textContent: nothing from the scan is ever HTML.
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    if (attrs) for (const k of Object.keys(attrs)) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    if (children) for (const c of children) if (c !== null && c !== undefined)
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    return e;
  }

  const state = { text: "", category: "", severity: "", language: "", sortKey: "n", sortDir: 1,
                  page: 0, pageSize: 100, open: new Set() };
  let view = [];  // indices into findings, filtered and sorted

  function haystack(f) {
    if (f._hay === undefined)
      f._hay = [f.path + ":" + f.line, f.message, f.rule, f.id, f.category, f.language, f.severity, f.snippet]
        .join("\n").toLowerCase();
    return f._hay;
  }

  const KEYS = {
    n: (f) => f.n,
    severity: (f) => SEVERITY_RANK[f.severity],
    category: (f) => f.category,
    language: (f) => f.language,
    location: (f) => f.path,
    rule: (f) => f.rule,
    message: (f) => f.message,
  };

  function compute() {
    const words = state.text.toLowerCase().split(/\s+/).filter(Boolean);
    view = [];
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      if (state.category && f.category !== state.category) continue;
      if (state.severity && f.severity !== state.severity) continue;
      if (state.language && f.language !== state.language) continue;
      if (words.length) {
        const h = haystack(f);
        if (!words.every((w) => h.includes(w))) continue;
      }
      view.push(i);
    }
    const key = KEYS[state.sortKey], dir = state.sortDir;
    view.sort((a, b) => {
      const fa = findings[a], fb = findings[b];
      let ka = key(fa), kb = key(fb);
      if (state.sortKey === "location" && ka === kb) { ka = fa.line; kb = fb.line; }
      if (ka < kb) return -dir;
      if (ka > kb) return dir;
      return fa.n - fb.n;  // stable: report order
    });
  }

  function severityBadge(s) { return el("span", { class: "sev sev-" + s, text: s }); }

  function render() {
    const body = $("rows");
    body.textContent = "";
    const pages = Math.max(1, Math.ceil(view.length / state.pageSize));
    if (state.page >= pages) state.page = pages - 1;
    const start = state.page * state.pageSize, end = Math.min(view.length, start + state.pageSize);
    const frag = document.createDocumentFragment();
    for (let k = start; k < end; k++) {
      const f = findings[view[k]];
      const loc = f.path + (f.line ? ":" + f.line + (f.column ? ":" + f.column : "") : "");
      const tr = el("tr", { class: "finding", "data-n": String(f.n), title: loc }, [
        el("td", { text: String(f.n) }),
        el("td", null, [severityBadge(f.severity)]),
        el("td", { text: f.category }),
        el("td", { text: f.language }),
        el("td", { class: "mono", text: loc }),
        el("td", { class: "mono", text: f.rule }),
        el("td", { text: f.message, title: f.message }),
      ]);
      tr.addEventListener("click", () => toggle(f.n));
      frag.appendChild(tr);
      if (state.open.has(f.n)) {
        tr.classList.add("open");
        frag.appendChild(el("tr", { class: "detail" }, [el("td", { colspan: "7" }, [details(f)])]));
      }
    }
    body.appendChild(frag);
    const status = $("status");
    status.dataset.matching = String(view.length);
    status.dataset.shown = String(end - start);
    status.textContent = view.length === 0 ? "No finding matches." :
      "Showing " + (start + 1) + "–" + end + " of " + view.length +
      (view.length === findings.length ? " findings" : " matching findings (" + findings.length + " in all)");
    $("page").textContent = "page " + (state.page + 1) + " of " + pages;
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page >= pages - 1;
    for (const th of document.querySelectorAll("#findings th[data-key]"))
      th.setAttribute("aria-sort", th.dataset.key === state.sortKey ? (state.sortDir > 0 ? "ascending" : "descending") : "none");
  }

  function toggle(n) {
    if (state.open.has(n)) state.open.delete(n); else state.open.add(n);
    render();
  }

  function mappingTable(rows) {
    const head = el("tr", null, ["Capability token parameter", "as written", "Access Token setting", "value"]
      .map((t) => el("th", { text: t })));
    const trs = rows.map((r) => {
      const value = el("td");
      if (r.values.length === 0) value.appendChild(document.createTextNode(r.note));
      r.values.forEach((v, i) => {
        if (i) value.appendChild(document.createTextNode(", "));
        value.appendChild(document.createTextNode(v.name + (v.expression ? " ← " : " = ")));
        value.appendChild(el("code", { text: v.text }));
      });
      for (const d of r.diagnostics) value.appendChild(el("span", { class: "diag", text: " ⚠ " + d }));
      const setting = r.setting === "Do Not Use" && r.values.length === 0
        ? el("td", { class: "donotuse", text: r.setting }) : el("td", { text: r.setting });
      return el("tr", null, [el("td", { text: r.capability }),
                             el("td", null, [r.written === null ? "—" : el("code", { text: r.written })]),
                             setting, value]);
    });
    return el("table", { class: "mapping" }, [el("thead", null, [head]), el("tbody", null, trs)]);
  }

  // The changed part of a pair of lines, marked: common head and tail stay plain.
  function marked(line, other, cls) {
    let a = 0;
    while (a < line.length && a < other.length && line[a] === other[a]) a++;
    let b = 0;
    while (b < line.length - a && b < other.length - a && line[line.length - 1 - b] === other[other.length - 1 - b]) b++;
    const td = el("td", { class: cls });
    td.appendChild(document.createTextNode(line.slice(0, a)));
    if (line.length - b > a) td.appendChild(el("mark", { text: line.slice(a, line.length - b) }));
    td.appendChild(document.createTextNode(line.slice(line.length - b)));
    return td;
  }

  // Before and after side by side from the line diff: a run of removed lines faces the run of
  // added lines that replaces it.
  function sideBySide(diff) {
    const rows = [el("tr", null, [el("th", { text: "before (capability token)" }), el("th", { text: "after (Access Token + VoiceGrant)" })])];
    for (let i = 0; i < diff.length;) {
      if (diff[i][0] === " ") {
        rows.push(el("tr", null, [el("td", { text: diff[i][1] }), el("td", { text: diff[i][1] })]));
        i++;
        continue;
      }
      const del = [], add = [];
      while (i < diff.length && diff[i][0] === "-") del.push(diff[i++][1]);
      while (i < diff.length && diff[i][0] === "+") add.push(diff[i++][1]);
      for (let k = 0; k < Math.max(del.length, add.length); k++) {
        const l = k < del.length ? del[k] : null, r = k < add.length ? add[k] : null;
        rows.push(el("tr", null, [
          l === null ? el("td", { class: "none" }) : r === null ? el("td", { class: "del", text: l }) : marked(l, r, "del"),
          r === null ? el("td", { class: "none" }) : l === null ? el("td", { class: "add", text: r }) : marked(r, l, "add"),
        ]));
      }
    }
    return el("table", { class: "sbs mono" }, rows);
  }

  function details(f) {
    const box = el("div", { class: "finding-detail" });
    box.appendChild(el("p", null, [el("strong", { text: f.message })]));
    box.appendChild(el("p", { class: "muted" }, ["rule ", el("code", { text: f.rule }), " · id ", el("code", { text: f.id }),
      " · " + f.path + (f.line ? ":" + f.line + ":" + f.column + "–" + f.end_line + ":" + f.end_column : "")]));
    if (f.snippet) box.appendChild(el("pre", { text: f.snippet }));
    if (f.rows.length) {
      box.appendChild(el("h3", { text: "Capability parameters → Access Token + VoiceGrant" }));
      box.appendChild(mappingTable(f.rows));
    }
    if (f.diagnostics.length) {
      box.appendChild(el("h3", { text: "Diagnostics" }));
      box.appendChild(el("ul", null, f.diagnostics.map((d) =>
        el("li", null, [el("span", { class: "diag", text: "⚠ " + d }), (data.diagnostics[d] ? ": " + data.diagnostics[d] : "")]))));
    }
    if (f.token) {
      const t = f.token;
      const sig = t.signature && t.signature.verified === true ? "verified" :
        t.signature && t.signature.verified === false ? "INVALID" : "not verified (no key given)";
      box.appendChild(el("h3", { text: "Decoded token: " + t.kind + ", signature " + sig }));
      box.appendChild(el("pre", { class: "claims", text: JSON.stringify({ header: t.header, payload: t.payload }, null, 2) }));
      if (t.lint && t.lint.length)
        box.appendChild(el("ul", null, t.lint.map((l) => el("li", null, [el("code", { text: l.code }), ": " + l.message]))));
    }
    if (f.fix && f.fix.status === "rewritten" && !data.patches) {
      box.appendChild(el("p", { class: "muted" }, [el("code", { text: "capmig fix" }),
        " migrates this construct automatically: run it for the patch."]));
    } else if (f.fix && f.fix.status === "rewritten") {
      box.appendChild(el("h3", { text: "Patch: capmig fix rewrites this construct" }));
      box.appendChild(sideBySide(f.fix.diff));
      if (f.fix.notes.length) {
        box.appendChild(el("h3", { text: "Before merging" }));
        box.appendChild(el("ul", { class: "notes" }, f.fix.notes.map((n) => el("li", { text: n }))));
      }
    } else if (f.fix) {
      box.appendChild(el("h3", { text: "Needs input: capmig fix leaves this construct to a person" }));
      box.appendChild(el("ul", { class: "reasons" }, f.fix.reasons.map((r) => el("li", { text: r }))));
      if (f.fix.draft) {
        box.appendChild(el("h3", { text: f.fix.draft.in_patch ?
          "Draft, in the patch (--include-drafts): fill in each TODO(capmig)" :
          "Draft, not in the patch: fill in each TODO(capmig), or rerun with --include-drafts" }));
        box.appendChild(sideBySide(f.fix.draft.diff));
        if (f.fix.draft.notes.length)
          box.appendChild(el("ul", { class: "notes" }, f.fix.draft.notes.map((n) => el("li", { text: n }))));
      }
    } else if (f.category === "capability-mint" && !data.fixes) {
      box.appendChild(el("p", { class: "muted" }, ["Run ", el("code", { text: "capmig fix" }), " for the patch."]));
    }
    return box;
  }

  function fillSelect(id, values) {
    const select = $(id);
    for (const v of values) select.appendChild(el("option", { value: v, text: v }));
    select.addEventListener("change", () => { state[select.dataset.field] = select.value; state.page = 0; compute(); render(); });
  }
  const distinct = (key, order) => {
    const seen = new Set(findings.map((f) => f[key]));
    return order ? order.filter((v) => seen.has(v)) : Array.from(seen).sort();
  };
  fillSelect("category", distinct("category"));
  fillSelect("severity", distinct("severity", ["high", "medium", "low", "info"]));
  fillSelect("language", distinct("language", data.languages));

  let timer = 0;
  $("filter").addEventListener("input", (e) => {
    clearTimeout(timer);
    const value = e.target.value;
    // Typing stays responsive on 10,000 findings: filter once the keys pause.
    timer = setTimeout(() => { state.text = value; state.page = 0; compute(); render(); }, findings.length > 2000 ? 150 : 0);
  });
  $("pagesize").addEventListener("change", (e) => { state.pageSize = Number(e.target.value); state.page = 0; render(); });
  $("prev").addEventListener("click", () => { state.page--; render(); });
  $("next").addEventListener("click", () => { state.page++; render(); });
  $("clear").addEventListener("click", () => {
    state.text = state.category = state.severity = state.language = "";
    $("filter").value = "";
    for (const id of ["category", "severity", "language"]) $(id).value = "";
    state.page = 0; compute(); render();
  });
  for (const th of document.querySelectorAll("#findings th[data-key]"))
    th.addEventListener("click", () => {
      const key = th.dataset.key;
      state.sortDir = state.sortKey === key ? -state.sortDir : 1;
      state.sortKey = key;
      state.page = 0;
      compute(); render();
    });
  $("controls").hidden = false;
  compute();
  render();
  document.body.dataset.ready = "true";
})();
)JS";

}  // namespace capmig::report
