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
    var group = groupOf(mark);
    return Boolean(state.rejected[keyOf(mark)] || (group && state.groups[JSON.stringify(group)]));
  }

  // ---- header, totals, rules, decisions -------------------------------------------------------------
  var main = el("main");
  document.body.appendChild(main);
  main.appendChild(el("h1", { text: data.page === 1 ? "corpusclean report" : "corpusclean report, page " + data.page }));
  var summary = data.summary;
  if (summary) {
    main.appendChild(el("p", { class: "muted", text: "Inputs: " + summary.inputs.join(", ") +
      (summary.unsafe_fixes ? " (unsafe fixes applied)" : "") }));
    var t = summary.totals;
    var skippedTotal = Object.keys(summary.skipped).reduce(function (a, k) { return a + summary.skipped[k]; }, 0);
    var cards = el("dl", { class: "cards", id: "totals" });
    [["documents", "documents read", t.documents], ["changed", "changed", t.changed],
     ["untouched", "untouched", (t.documents || 0) - (t.changed || 0)],
     ["findings", "findings", (t.applied || 0) + (t.resolved || 0) + (t.remaining || 0)],
     ["applied", "fixes applied", t.applied || 0], ["skipped", "skipped", skippedTotal],
     ["errors", "unreadable inputs", t.errors || 0]].forEach(function (row) {
      cards.appendChild(el("div", null, el("dt", { text: row[1] }), el("dd", { id: "total-" + row[0], text: String(row[2] || 0) })));
    });
    main.appendChild(el("h2", { text: "Totals" }));
    main.appendChild(cards);
    var reasons = Object.keys(summary.skipped).map(function (k) { return k + " " + summary.skipped[k]; });
    if (reasons.length) { main.appendChild(el("p", { class: "muted", id: "skipped-reasons", text: "Skipped: " + reasons.join(", ") })); }

    main.appendChild(el("h2", { text: "Rules" }));
    var rules = el("table", { id: "rules" }, el("thead", null, el("tr", null, el("th", { text: "Code" }), el("th", { text: "Name" }),
      el("th", { text: "Findings" }), el("th", { text: "Applied" }), el("th", { text: "Safety" }))));
    var body = el("tbody");
    summary.rules.forEach(function (rule) {
      var button = el("button", { type: "button", title: "Show only " + rule.code, text: rule.code });
      button.addEventListener("click", function () { setFilter("rule", rule.code); });
      var safety = Object.keys(rule.safety).map(function (k) { return k + " " + rule.safety[k]; }).join(", ");
      body.appendChild(el("tr", null, el("td", null, button), el("td", { text: rule.name }),
        el("td", { class: "num", text: String(rule.findings) }), el("td", { class: "num", text: String(rule.applied) }),
        el("td", { text: safety })));
    });
    rules.appendChild(body);
    main.appendChild(rules);

    if (summary.clusters.length || summary.learned_lines.length) {
      main.appendChild(el("h2", { text: "Decisions learned from the corpus (each once)" }));
    }
    if (summary.clusters.length) {
      var ct = el("table", { id: "clusters" }, el("thead", null, el("tr", null, el("th", { text: "Canonical" }),
        el("th", { text: "Forms" }), el("th", { text: "Chosen by" }), el("th", { text: "Applied" }), el("th", { text: "" }))));
      var cb = el("tbody");
      summary.clusters.forEach(function (c) {
        var forms = Object.keys(c.forms).map(function (f) { return f + " ×" + c.forms[f].count + " in " + c.forms[f].documents + " docs"; });
        cb.appendChild(groupRow(["canonical", c.canonical], [c.canonical, forms.join(", "), c["chosen-by"],
          c.applied + " of " + c.occurrences]));
      });
      ct.appendChild(cb);
      main.appendChild(ct);
    }
    if (summary.learned_lines.length) {
      var lt = el("table", { id: "learned-lines" }, el("thead", null, el("tr", null, el("th", { text: "Boilerplate line" }),
        el("th", { text: "Documents" }), el("th", { text: "Share" }), el("th", { text: "Removed" }), el("th", { text: "" }))));
      var lb = el("tbody");
      summary.learned_lines.forEach(function (l) {
        lb.appendChild(groupRow(["learned-line", l.line], [l.line, String(l.documents), (100 * l.share).toFixed(2) + "%",
          l.applied + " of " + l.occurrences]));
      });
      lt.appendChild(lb);
      main.appendChild(lt);
    }
  }

  function groupRow(group, cells) {
    var row = el("tr");
    cells.forEach(function (c) { row.appendChild(el("td", { text: c })); });
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
    var span = el("span", { class: "mark " + m.status + (m.replacement === null ? " flag" : ""), tabindex: "0",
      "data-code": m.code, "data-key": keyOf(m), title: m.code + " " + m.name + ": " + m.message });
    if (m.replacement !== null) {
      if (original) { span.appendChild(el("del", { text: original })); }
      if (m.replacement) { span.appendChild(el("ins", { text: m.replacement })); }
      if (!original && !m.replacement) { span.appendChild(el("ins", { text: "∅" })); }
    } else {
      span.appendChild(document.createTextNode(original || "¶"));
    }
    var button = el("button", { type: "button", class: "reject", "aria-label": "Reject this change", text: "✕" });
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      var k = keyOf(m);
      if (state.rejected[k]) { delete state.rejected[k]; } else { state.rejected[k] = m.key; }
      saveState(); paint();
    });
    function paint() {
      var on = isRejected(m);
      span.classList.toggle("rejected", on);
      button.textContent = on ? "↺" : "✕";
      button.setAttribute("aria-label", on ? "Undo the rejection" : "Reject this change");
    }
    paint();
    span.appendChild(button);
    span.addEventListener("focus", function () { showDetail(m); });
    span.addEventListener("mouseenter", function () { showDetail(m); });
    return span;
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
