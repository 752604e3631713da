"""The HTML report's inline stylesheet and script: constants, so the page needs no network."""

from __future__ import annotations

CSS = """
:root {
  --fg: #1d1f23; --muted: #5f6670; --bg: #fff; --panel: #f5f6f8; --line: #dde1e6;
  --error: #b3261e; --error-bg: #fbd5d2; --warning: #8a5300; --warning-bg: #ffe7a3;
  --info: #0b57a4; --info-bg: #cfe3ff; --ok: #1e7a3c; --src: #d6f5dd; --ring: #2f6fde;
  --cjk: "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC",
         "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e4e6ea; --muted: #a0a7b1; --bg: #16181c; --panel: #1f2228; --line: #353a42;
    --error: #ff8a80; --error-bg: #4a1d1a; --warning: #ffcc66; --warning-bg: #45360f;
    --info: #8cc4ff; --info-bg: #15324f; --ok: #7fd99a; --src: #1f4a2b; --ring: #7fb0ff;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 4rem; color: var(--fg);
  background: var(--bg); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", var(--cjk);
}
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
code { font: .9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
[lang|="zh"] { font-family: var(--cjk); }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr));
  gap: .6rem; margin: 0 0 1.25rem; padding: 0; }
.stat { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem;
  padding: .5rem .75rem; }
.stat dt { color: var(--muted); font-size: .85rem; }
.stat dd { margin: 0; font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.stat.sev-error dd { color: var(--error); } .stat.sev-warning dd { color: var(--warning); }
.stat.sev-info dd { color: var(--info); }
.chart { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr 2.5rem;
  gap: .35rem .75rem; align-items: center; margin: 0 0 1rem; }
.chart .label { overflow-wrap: anywhere; }
.chart .bar { display: flex; height: 1.1rem; background: var(--panel); border-radius: .25rem;
  overflow: hidden; }
.chart .seg { display: block; height: 100%; }
.chart .num { text-align: right; font-variant-numeric: tabular-nums; }
.seg.sev-error { background: var(--error); } .seg.sev-warning { background: #d89400; }
.seg.sev-info { background: #3b82d6; }
.unreadable { color: var(--error); }
.toc { padding-left: 1.6rem; margin: 0 0 1rem; columns: 2 20rem; column-gap: 2rem; }
.toc li { margin: 0 0 .2rem; overflow-wrap: anywhere; break-inside: avoid; }
.filters { position: sticky; top: 0; z-index: 2; background: var(--bg); margin: 0 -.5rem 1rem;
  padding: .5rem; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap;
  gap: .25rem 1.5rem; align-items: baseline; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: .25rem .9rem; align-items: baseline; }
.filters legend { float: left; font-weight: 600; margin-right: .5rem; }
.filters label { white-space: nowrap; cursor: pointer; }
.filters > p { margin: 0 0 0 auto; }
.draft { border-top: 2px solid var(--line); padding-top: 1rem; margin-top: 1.5rem;
  scroll-margin-top: 5rem; }
.draft header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; }
.counts { color: var(--muted); font-size: .9rem; }
.clean { color: var(--ok); }
.text { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem;
  padding: .6rem .75rem; margin: .75rem 0; line-height: 1.9; font-size: 1.02rem; }
.ln { display: grid; grid-template-columns: 2.2rem 1fr; align-items: baseline; min-height: 1.9em; }
.ln::before { content: attr(data-n); color: var(--muted); font: .75rem/1 ui-monospace,
  monospace; text-align: right; padding-right: .7rem; user-select: none; }
.ln > span { white-space: pre-wrap; overflow-wrap: anywhere; min-width: 0; }
.ln > span:empty::before { content: "\\200b"; }
.hl { color: inherit; border-radius: .2rem; padding: .1rem .05rem; cursor: pointer;
  border-bottom: 2px solid; scroll-margin: 5rem; }
.hl.sev-error { background: var(--error-bg); border-color: var(--error); }
.hl.sev-warning { background: var(--warning-bg); border-color: var(--warning); }
.hl.sev-info { background: var(--info-bg); border-color: var(--info); }
.hl:empty::after { content: "\\2041"; }
.hl:focus-visible, .hl:target { outline: 3px solid var(--ring); outline-offset: 1px; }
.hl.off { background: none; border-color: transparent; cursor: text; }
.findings { list-style: none; padding: 0; margin: 0; }
.finding { border: 1px solid var(--line); border-left: 4px solid; border-radius: .4rem;
  padding: .6rem .85rem; margin: .6rem 0; scroll-margin: 5rem; }
.finding.sev-error { border-left-color: var(--error); }
.finding.sev-warning { border-left-color: var(--warning); }
.finding.sev-info { border-left-color: var(--info); }
.finding:target { box-shadow: 0 0 0 3px var(--ring); }
.finding:focus { outline: none; }
.finding.off { display: none; }
.finding p { margin: .2rem 0; }
.message { white-space: pre-line; }
.meta { display: flex; flex-wrap: wrap; gap: .2rem .6rem; align-items: baseline;
  color: var(--muted); font-size: .9rem; }
.badge { color: #fff; border-radius: .25rem; padding: 0 .4rem; font-size: .8rem;
  font-weight: 650; text-transform: uppercase; letter-spacing: .03em; }
.badge.sev-error { background: var(--error); } .badge.sev-warning { background: #a86a00; }
.badge.sev-info { background: var(--info); }
@media (prefers-color-scheme: dark) { .badge { color: #111; } }
.draft-words { font-weight: 600; }
.source { margin: .45rem 0 .2rem; padding: .4rem .7rem; border-left: 3px solid var(--line);
  background: var(--panel); overflow-wrap: anywhere; }
.source mark { background: var(--src); color: inherit; font-weight: 650; padding: 0 .1rem;
  border-radius: .15rem; }
.cite { color: var(--muted); font-size: .88rem; }
.back { font-size: .88rem; }
a { color: var(--info); }
@media (max-width: 40rem) {
  body { padding: 1rem .7rem 3rem; font-size: 15px; }
  .chart { grid-template-columns: minmax(5rem, 40%) 1fr 2rem; }
  .ln { grid-template-columns: 1.6rem 1fr; }
  .ln::before { padding-right: .4rem; }
  .filters { position: static; }
  .filters legend { float: none; width: 100%; margin: 0; }
}
@media print {
  :root { --fg: #000; --bg: #fff; --panel: #f6f6f6; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .filters, .back { display: none !important; }
  .finding.off { display: block; }
  .hl.off { border-bottom: 2px solid; }
  .hl.off.sev-error { background: var(--error-bg); border-color: var(--error); }
  .hl.off.sev-warning { background: var(--warning-bg); border-color: var(--warning); }
  .hl.off.sev-info { background: var(--info-bg); border-color: var(--info); }
  .finding, .stat, .ln { break-inside: avoid; }
  .draft header { break-after: avoid; }
  .finding:target, .hl:target { box-shadow: none; outline: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

# Highlights are <mark> elements (they may nest, <a> may not): the script makes them act as
# links (click, Enter) to their explanation, and wires the filters, which stay hidden without it.
JS = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var shown = document.getElementById("shown");
  function checked(kind) {
    var out = {};
    form.querySelectorAll("input[data-kind='" + kind + "']").forEach(function (box) {
      out[box.value] = box.checked;
    });
    return out;
  }
  function apply() {
    var sev = checked("severity"), rule = checked("rule"), count = 0;
    document.querySelectorAll(".hl, .finding").forEach(function (el) {
      var on = sev[el.dataset.severity] !== false && rule[el.dataset.rule] !== false;
      el.classList.toggle("off", !on);
      if (el.classList.contains("hl")) {
        el.tabIndex = on ? 0 : -1;
      } else if (on) {
        count += 1;
      }
    });
    if (shown) { shown.textContent = count; }
  }
  function go(id) {
    var target = document.getElementById(id);
    if (!target) { return; }
    if (location.hash === "#" + id) {
      target.scrollIntoView({block: "center"});
    } else {
      location.hash = id;
    }
    target.focus({preventScroll: true});
  }
  function activate(event) {
    var mark = event.target.closest ? event.target.closest(".hl:not(.off)") : null;
    if (!mark) { return; }
    event.preventDefault();
    go(mark.dataset.ref);
  }
  if (form) {
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  }
  document.addEventListener("click", activate);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { activate(event); }
  });
  window.addEventListener("hashchange", function () {
    var el = document.getElementById(location.hash.slice(1));
    if (el && el.classList.contains("hl")) { el.focus({preventScroll: true}); }
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
"""
