(function () {
  "use strict";
  // All corpus text reaches the screen through textContent or createTextNode, never as HTML.
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var PER_VIEW = 50;
  var storeKey = "corpusclean:" + data.run_id;
  var state = loadState();
  var filters = { rule: "", family: "", safety: "", status: "", query: "" };
  var view = 0;
  var focusIndex = -1;

  function loadState() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storeKey) || "null");
      if (saved && saved.rejected && saved.groups) { return saved; }
    } catch (e) { /* storage may be unavailable for file pages: keep state in memory */ }
    return { rejected: {}, groups: {} };
  }
  function saveState() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* in memory only */ }
  }
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attrs[name]; }
      else if (name === "class") { node.className = attrs[name]; }
      else { node.setAttribute(name, attrs[name]); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function keyOf(mark) { return JSON.stringify(mark.key); }
  function groupOf(mark) {
    var ev = mark.evidence || {};
    if (ev.canonical !== undefined) { return ["canonical", String(ev.canonical)]; }
    if (ev["learned-line"] !== undefined) { return ["learned-line", String(ev["learned-line"])]; }
    return null;
  }
  function isRejected(mark) {
    if (mark.status !== "applied") { return false; }  // only an applied fix can be taken back
    var group = groupOf(mark);
    return Boolean(state.rejected[keyOf(mark)] || (group && state.groups[JSON.stringify(group)]));
  }

  // ---- header, legend, totals, rules, decisions ------------------------------------------------------
  var main = el("main");
  document.body.appendChild(main);
  main.appendChild(el("h1", { text: data.page === 1 ? "corpusclean report" : "corpusclean report, page " + data.page }));
  var summary = data.summary;
  if (summary) {
    main.appendChild(el("p", { class: "muted", text: "Inputs: " + summary.inputs.join(", ") +
      (summary.unsafe_fixes ? " (unsafe fixes applied)" : "") }));
  }
  main.appendChild(legend(summary ? summary.unsafe_fixes : null));
  if (summary) {
    main.appendChild(el("h2", { text: "Totals" }));
    renderTotals(summary);
    renderRules(summary.rules);
    renderDecisions(summary);
  }

  function legend(unsafeFixes) {
    // Samples are built by the code that draws real changes, so the legend cannot drift from the page.
    var sample = function (status, reason, original, replacement) {
      return markBody({ status: status, reason: reason, replacement: replacement }, original);
    };
    var rejected = sample("applied", null, "teh", "the");
    rejected.classList.add("rejected");
    var run = unsafeFixes === null ? "" : unsafeFixes ? " (on in this run)" : " (off in this run)";
    var code = function (text) { return el("code", { text: text }); };
    var chip = function (text) { return el("span", { class: "key", text: text }); };
    var entries = [
      ["applied", sample("applied", null, "teh", "the"),
       ["Applied: in the cleaned output (struck text removed, green added)."]],
      ["skipped", sample("skipped", "unsafe", "teh", "the"),
       ["Skipped: not applied, the text is unchanged. The label says why: unsafe (needs ", code("--unsafe-fixes"),
        "), display-only or no-fix (reported only), overlap (another fix took the text)."]],
      ["resolved", sample("resolved", null, "teh", null), ["Resolved: not fixed itself, another fix removed its text."]],
      ["rejected", rejected, ["Rejected by you: ", code("corpusclean apply"), " leaves it out."]],
      ["reject", chip("✕ ↺"), ["Reject an applied change, or undo. Skipped and resolved ones changed nothing: no ✕."]],
      ["allow", chip("allow"), ["On a skipped spelling finding: the word is correct. ",
       code("corpusclean apply --update-config"), " adds it to ", code("allow-words"), "."]],
      ["reject-all", chip("Reject all"),
       ["Reject every applied change of a learned decision; offered only where some were applied."]],
      ["safety", chip("safety"), ["safe fixes are applied; unsafe ones only with ", code("--unsafe-fixes"), run +
       "; display-only ones never."]],
      ["keys", el("span", null, el("kbd", { text: "n" }), " ", el("kbd", { text: "p" }), " ", el("kbd", { text: "Esc" })),
       ["Next change (or j), previous (or k), close the details. ", chip("Export decisions"), " saves ",
        code("decisions.json"), " for ", code("corpusclean apply"), "."]]];
    var terms = el("dl", { class: "legend" });
    entries.forEach(function (entry) {
      terms.appendChild(el("dt", { "data-legend": entry[0] }, entry[1]));
      terms.appendChild(el.apply(null, ["dd", { "data-legend": entry[0] }].concat(entry[2])));
    });
    return el("details", { id: "legend", open: "" }, el("summary", { text: "Legend" }), terms);
  }

  function renderTotals(summary) {
    var t = summary.totals, f = summary.findings;
    function card(id, label, value) {
      return el("dl", { class: "card" }, el("dt", { text: label }),
        el("dd", { id: "total-" + id, text: String(value || 0) }));
    }
    function sign(text) { return el("span", { class: "op", "aria-hidden": "true", text: text }); }
    main.appendChild(el("div", { class: "cards", id: "totals" },
      card("documents", "documents read", t.documents), card("changed", "changed", t.changed),
      card("untouched", "untouched", (t.documents || 0) - (t.changed || 0)),
      card("errors", "unreadable inputs", t.errors)));
    // The states are counted apart from the findings: if they did not add up, the page would show it.
    main.appendChild(el("div", { class: "cards", id: "finding-totals", role: "group",
      "aria-label": "findings = fixes applied + skipped + resolved" },
      card("findings", "findings", f.findings), sign("="), card("applied", "fixes applied", f.applied), sign("+"),
      card("skipped", "skipped", f.skipped), sign("+"), card("resolved", "resolved", f.resolved)));
    var reasons = Object.keys(summary.skipped).map(function (k) { return k + " " + summary.skipped[k]; });
    if (reasons.length) {
      main.appendChild(el("p", { class: "muted", id: "skipped-reasons", text: "Skipped, by reason: " + reasons.join(", ") }));
    }
  }

  function th(text, numeric) { return el("th", { scope: "col", class: numeric ? "num" : "", text: text }); }
  function td(value, numeric) { return el("td", { class: numeric ? "num" : "", text: String(value) }); }

  function renderRules(rules) {
    main.appendChild(el("h2", { text: "Rules" }));
    var table = el("table", { id: "rules" }, el("thead", null, el("tr", null, th("Code"), th("Name"),
      th("Findings", true), th("Applied", true), th("Skipped", true), th("Resolved", true), th("Safety"))));
    var body = el("tbody");
    rules.forEach(function (rule) {
      var button = el("button", { type: "button", title: "Show only " + rule.code, text: rule.code });
      button.addEventListener("click", function () { setFilter("rule", rule.code); });
      var safety = Object.keys(rule.safety).map(function (k) { return k + " " + rule.safety[k]; }).join(", ");
      body.appendChild(el("tr", null, el("td", null, button), td(rule.name), td(rule.findings, true),
        td(rule.applied, true), td(rule.skipped, true), td(rule.resolved, true), td(safety)));
    });
    table.appendChild(body);
    main.appendChild(table);
  }

  function renderDecisions(summary) {
    if (summary.calibration && summary.calibration.length) {
      main.appendChild(el("h2", { text: "How precise the spelling fixes are expected to be" }));
      var cl = el("ul", { id: "calibration" });
      summary.calibration.forEach(function (c) { cl.appendChild(el("li", { text: c.rule + ": " + c.sentence })); });
      main.appendChild(cl);
    }
    if (summary.clusters.length || summary.learned_lines.length) {
      main.appendChild(el("h2", { text: "Decisions learned from the corpus (each once)" }));
    }
    if (summary.clusters.length) {
      var ct = el("table", { id: "clusters" }, el("thead", null, el("tr", null, th("Canonical"), th("Forms"),
        th("Chosen by"), th("Applied", true), th(""))));
      var cb = el("tbody");
      summary.clusters.forEach(function (c) {
        var forms = Object.keys(c.forms).map(function (f) { return f + " ×" + c.forms[f].count + " in " + c.forms[f].documents + " docs"; });
        cb.appendChild(groupRow(["canonical", c.canonical], c.applied, [td(c.canonical), td(forms.join(", ")),
          td(c["chosen-by"]), td(c.applied + " of " + c.occurrences, true)]));
      });
      ct.appendChild(cb);
      main.appendChild(ct);
    }
    if (summary.learned_lines.length) {
      var lt = el("table", { id: "learned-lines" }, el("thead", null, el("tr", null, th("Boilerplate line"),
        th("Documents", true), th("Share", true), th("Removed", true), th(""))));
      var lb = el("tbody");
      summary.learned_lines.forEach(function (l) {
        lb.appendChild(groupRow(["learned-line", l.line], l.applied, [td(l.line), td(l.documents, true),
          td((100 * l.share).toFixed(2) + "%", true), td(l.applied + " of " + l.occurrences, true)]));
      });
      lt.appendChild(lb);
      main.appendChild(lt);
    }
  }

  function groupRow(group, applied, cells) {
    var row = el("tr");
    cells.forEach(function (cell) { row.appendChild(cell); });
    if (!applied) {  // nothing of it reached the output: rejecting it would change nothing
      row.appendChild(el("td", { class: "muted", text: "not applied" }));
      return row;
    }
    var id = JSON.stringify(group);
    var button = el("button", { type: "button", class: "reject-group" });
    function paint() {
      var on = Boolean(state.groups[id]);
      row.classList.toggle("group-rejected", on);
      button.textContent = on ? "Undo reject" : "Reject all";
    }
    button.addEventListener("click", function () {
      if (state.groups[id]) { delete state.groups[id]; } else { state.groups[id] = group; }
      saveState(); paint(); renderDocs();
    });
    paint();
    row.appendChild(el("td", null, button));
    return row;
  }

  // ---- toolbar ----------------------------------------------------------------------------------------
  main.appendChild(el("h2", { text: "Changes by document" }));
  var marks = [];
  data.documents.forEach(function (d) { d.marks.forEach(function (m) { marks.push(m); }); });
  function options(values) { return [""].concat(values.filter(function (v, i, a) { return v && a.indexOf(v) === i; }).sort()); }
  function select(name, label, values) {
    var s = el("select", { id: "filter-" + name, "aria-label": label });
    options(values).forEach(function (v) { s.appendChild(el("option", { value: v, text: v || "all " + label })); });
    s.addEventListener("change", function () { setFilter(name, s.value); });
    return s;
  }
  var ruleCodes = marks.map(function (m) { return m.code; }).concat(summary ? summary.rules.map(function (r) { return r.code; }) : []);
  var toolbar = el("div", { class: "toolbar", role: "toolbar" },
    select("rule", "rules", ruleCodes),
    select("family", "families", ruleCodes.map(function (c) { return c.slice(0, 2); })),
    select("safety", "safety", marks.map(function (m) { return m.safety; })),
    select("status", "statuses", marks.map(function (m) { return m.status; })));
  var search = el("input", { type: "search", id: "search", placeholder: "Search documents and changes", "aria-label": "Search" });
  search.addEventListener("input", function () { filters.query = search.value.toLowerCase(); view = 0; renderDocs(); });
  toolbar.appendChild(search);
  var prev = el("button", { type: "button", id: "prev-change", title: "Previous change (p or k)", text: "◀ Previous (p)" });
  var next = el("button", { type: "button", id: "next-change", title: "Next change (n or j)", text: "Next (n) ▶" });
  prev.addEventListener("click", function () { move(-1); });
  next.addEventListener("click", function () { move(1); });
  var exportButton = el("button", { type: "button", id: "export", text: "Export decisions" });
  exportButton.addEventListener("click", exportDecisions);
  var counter = el("span", { id: "shown", class: "muted" });
  toolbar.appendChild(prev); toolbar.appendChild(next); toolbar.appendChild(exportButton); toolbar.appendChild(counter);
  main.appendChild(toolbar);
  var list = el("div", { id: "documents" });
  main.appendChild(list);
  var pager = el("nav", { class: "pager", id: "pager", "aria-label": "Pages" });
  main.appendChild(pager);
  var detail = el("aside", { id: "detail", hidden: "", "aria-live": "polite" });
  document.body.appendChild(detail);

  function setFilter(name, value) {
    filters[name] = value;
    var s = document.getElementById("filter-" + name);
    if (s) { s.value = value; }
    view = 0; renderDocs();
  }
  function markShown(m) {
    return (!filters.rule || m.code === filters.rule) && (!filters.family || m.code.slice(0, 2) === filters.family) &&
      (!filters.safety || m.safety === filters.safety) && (!filters.status || m.status === filters.status);
  }
  function docMatches(d) {
    var q = filters.query;
    if (!q) { return true; }
    if (d.path.toLowerCase().indexOf(q) >= 0) { return true; }
    if (d.blocks.some(function (b) { return b.text.toLowerCase().indexOf(q) >= 0; })) { return true; }
    return d.marks.some(function (m) { return (m.message + " " + (m.replacement || "")).toLowerCase().indexOf(q) >= 0; });
  }

  // ---- documents --------------------------------------------------------------------------------------
  function renderDocs() {
    var visible = data.documents.filter(function (d) { return docMatches(d) && d.marks.some(markShown); });
    var pagesInView = Math.max(1, Math.ceil(visible.length / PER_VIEW));
    view = Math.min(view, pagesInView - 1);
    list.textContent = "";
    var shownMarks = 0;
    visible.slice(view * PER_VIEW, (view + 1) * PER_VIEW).forEach(function (d) {
      var article = el("article", { class: "doc", "data-doc": d.id },
        el("header", null, el("span", { class: "path", text: d.path }),
          el("span", { class: "badge", text: d.findings + (d.findings === 1 ? " finding" : " findings") }),
          d.changed ? el("span", { class: "badge", text: "changed" }) : null));
      d.blocks.forEach(function (b) { article.appendChild(renderBlock(d, b)); });
      if (d.hidden) { article.appendChild(el("p", { class: "hidden-note muted", text: "+" + d.hidden + " more findings in findings.jsonl" })); }
      list.appendChild(article);
      shownMarks += d.marks.filter(markShown).length;
    });
    counter.textContent = visible.length + " documents, " + shownMarks + " changes on this view";
    counter.setAttribute("data-documents", String(visible.length));
    renderPager(pagesInView);
    focusIndex = -1;
  }
  function renderBlock(d, b) {
    var pre = el("pre", { class: "block" }, el("span", { class: "ln", text: "line " + b.line }));
    var end = b.start + b.text.length;
    var cursor = b.start;
    d.marks.filter(function (m) { return markShown(m) && m.start >= b.start && m.start <= end; })
      .sort(function (x, y) { return x.start - y.start || x.n - y.n; })
      .forEach(function (m) {
        if (m.start < cursor) { return; } // overlaps a change already shown; it is still in the list of findings
        pre.appendChild(document.createTextNode(b.text.slice(cursor - b.start, m.start - b.start)));
        pre.appendChild(renderMark(m, b.text.slice(m.start - b.start, Math.min(m.end, end) - b.start)));
        cursor = Math.min(Math.max(m.end, cursor), end);
      });
    pre.appendChild(document.createTextNode(b.text.slice(cursor - b.start)));
    return pre;
  }
  function renderMark(m, original) {
    var span = markBody(m, original);
    span.setAttribute("tabindex", "0");
    span.setAttribute("data-code", m.code);
    span.setAttribute("data-key", keyOf(m));
    span.title = m.code + " " + m.name + ": " + m.message;
    if (m.status === "applied") {
      span.appendChild(decisionButton(m, span, "reject"));
    } else if (m.code.indexOf("SP") === 0) {  // a word the spelling rules doubt, left as it is: a reviewer may vouch for it
      span.appendChild(decisionButton(m, span, "allow"));
    }
    span.addEventListener("focus", function () { showDetail(m); });
    span.addEventListener("mouseenter", function () { showDetail(m); });
    return span;
  }
  // A change as it reads: applied ones as removed and added text; the others keep the original text, show
  // any proposal dashed and say in words what became of them, so the state never rests on colour alone.
  function markBody(m, original) {
    var applied = m.status === "applied";
    var span = el("span", { class: "mark " + m.status + (m.replacement === null ? " flag" : ""), "data-status": m.status });
    if (applied && m.replacement !== null) {
      if (original) { span.appendChild(el("del", { text: original })); }
      if (m.replacement) { span.appendChild(el("ins", { text: m.replacement })); }
      if (!original && !m.replacement) { span.appendChild(el("ins", { text: "∅" })); }
    } else {
      span.appendChild(el("span", { class: applied ? "changed" : "kept", text: original || "¶" }));
    }
    if (applied) { return span; }
    if (m.replacement !== null) {
      span.appendChild(el("span", { class: "proposal", title: "proposed, not applied", text: m.replacement || "∅" }));
    }
    span.appendChild(el("span", { class: "state", text: m.status + (m.reason ? ": " + m.reason : "") }));
    return span;
  }
  // A reviewer's decision on one finding, exported as a rejection: an applied change is left out by
  // `corpusclean apply`; a doubted word is vouched for (`apply --update-config` adds it to allow-words).
  // Per kind: [text, aria-label] before and after deciding, and the class the mark takes.
  var DECISIONS = {
    reject: [["✕", "Reject this change"], ["↺", "Undo the rejection"], "rejected"],
    allow: [["allow", "This word is correct: apply --update-config adds it to allow-words"],
            ["allowed ↺", "Undo: the word is not vouched for"], "allowed"]
  };
  function decisionButton(m, span, kind) {
    var labels = DECISIONS[kind];
    var button = el("button", { type: "button", class: kind });
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      var k = keyOf(m);
      if (state.rejected[k]) { delete state.rejected[k]; } else { state.rejected[k] = m.key; }
      saveState(); paint();
    });
    function paint() {
      var on = kind === "reject" ? isRejected(m) : Boolean(state.rejected[keyOf(m)]);
      span.classList.toggle(labels[2], on);
      button.textContent = labels[on ? 1 : 0][0];
      button.setAttribute("aria-label", labels[on ? 1 : 0][1]);
    }
    paint();
    return button;
  }
  function showDetail(m) {
    detail.textContent = "";
    detail.appendChild(el("strong", { text: m.code + " " + m.name }));
    detail.appendChild(el("div", { text: m.message }));
    detail.appendChild(el("div", { class: "muted", text: "status: " + m.status + (m.reason ? " (" + m.reason + ")" : "") +
      "; safety: " + (m.safety || "no fix") + (isRejected(m) ? "; rejected by you" : "") }));
    if (m.evidence && Object.keys(m.evidence).length) { detail.appendChild(el("pre", { text: JSON.stringify(m.evidence, null, 2) })); }
    detail.hidden = false;
  }
  function renderPager(pagesInView) {
    pager.textContent = "";
    if (data.page > 1) { pager.appendChild(el("a", { href: data.page === 2 ? "index.html" : pageName(data.page - 1), text: "◀ previous file" })); }
    var back = el("button", { type: "button", text: "◀", "aria-label": "Previous documents" });
    var fwd = el("button", { type: "button", text: "▶", "aria-label": "More documents" });
    back.disabled = view === 0; fwd.disabled = view >= pagesInView - 1;
    back.addEventListener("click", function () { view -= 1; renderDocs(); window.scrollTo(0, list.offsetTop); });
    fwd.addEventListener("click", function () { view += 1; renderDocs(); window.scrollTo(0, list.offsetTop); });
    pager.appendChild(back);
    pager.appendChild(el("span", { text: "documents view " + (view + 1) + " of " + pagesInView +
      (data.pages ? " · file 1 of " + data.pages : " · file " + data.page) }));
    pager.appendChild(fwd);
    if (data.has_next) { pager.appendChild(el("a", { href: pageName(data.page + 1), text: "next file ▶" })); }
  }
  function pageName(n) { return n === 1 ? "index.html" : "docs-" + String(n).padStart(4, "0") + ".html"; }

  // ---- keyboard and export ----------------------------------------------------------------------------
  function move(step) {
    var all = list.querySelectorAll(".mark");
    if (!all.length) { return; }
    focusIndex = (focusIndex + step + all.length) % all.length;
    all[focusIndex].focus();
    all[focusIndex].scrollIntoView({ block: "center" });
  }
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "n" || event.key === "j") { move(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { move(-1); event.preventDefault(); }
    if (event.key === "Escape") { detail.hidden = true; }
  });
  function exportDecisions() {
    var rejected = Object.keys(state.rejected).map(function (k) {
      var key = state.rejected[k];
      return { doc_id: key[0], code: key[1], start: key[2], end: key[3], matched: key[4] };
    });
    var groups = Object.keys(state.groups).map(function (k) { return { key: state.groups[k][0], value: state.groups[k][1] }; });
    var payload = { schema_version: 1, run_id: data.run_id, report_dir: data.report_dir, rejected: rejected, rejected_groups: groups };
    var blob = new Blob([JSON.stringify(payload, null, 2) + "\n"], { type: "application/json" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "decisions.json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  renderDocs();
})();
