/* kg graph view: draws the embedded graph with vis-network; search, filters, evidence panel.
 * Every string from the graph is untrusted: it reaches the page only through textContent or
 * the canvas, never through innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var N = data.nodes.length, E = data.edges.length;
  // nodes: [label, kind, x, y, size, pagerank, degree, iri]; sorted by importance, so id = rank.
  // nodes also end with their date facts: [[relation, date], ...].
  // edges: [from, to, predicate, [[document, sentence, confidence, rule, phrase, sb, se, ob, oe,
  //         when, first year, last year], ...]]; when is "" and the years null where undated.
  var LABEL = 0, KIND = 1, X = 2, Y = 3, SIZE = 4, RANK = 5, DEGREE = 6, IRI = 7, DATES = 8;
  var WHEN = 9, YEAR_LO = 10, YEAR_HI = 11;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  var nodeEdges = new Array(N);
  for (var i = 0; i < N; i++) nodeEdges[i] = [];
  var pairCount = new Map();
  data.edges.forEach(function (e, id) {
    nodeEdges[e[0]].push(id);
    if (e[1] !== e[0]) nodeEdges[e[1]].push(id);
    var key = Math.min(e[0], e[1]) + " " + Math.max(e[0], e[1]);
    pairCount.set(key, (pairCount.get(key) || 0) + 1);
  });

  // ---- vis-network ----
  var groups = {};
  data.kinds.forEach(function (k, i) {
    groups["k" + i] = {
      shape: k.shape,
      color: { background: k.color, border: k.border, highlight: { background: k.color, border: "#111" } },
    };
  });
  var nodeItems = data.nodes.map(function (n, id) {
    return { id: id, label: n[LABEL], group: "k" + n[KIND], x: n[X], y: n[Y], size: n[SIZE] };
  });
  var pairSeen = new Map();
  var edgeItems = data.edges.map(function (e, id) {
    var item = { id: id, from: e[0], to: e[1], label: data.predicates[e[2]].label };
    if (data.predicates[e[2]].symmetric) item.arrows = { to: { enabled: false } };
    var key = Math.min(e[0], e[1]) + " " + Math.max(e[0], e[1]);
    if (pairCount.get(key) > 1) {
      // parallel edges would be drawn on top of each other: bend them apart (no physics body)
      var k = pairSeen.get(key) || 0;
      pairSeen.set(key, k + 1);
      var forward = e[0] <= e[1];
      item.smooth = { enabled: true, type: (k % 2 === 0) === forward ? "curvedCW" : "curvedCCW", roundness: 0.12 + 0.12 * Math.floor(k / 2) };
    }
    return item;
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var options = {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false, randomSeed: 1 },
    groups: groups,
    interaction: {
      hover: false,
      tooltipDelay: 3600000,
      multiselect: false,
      navigationButtons: false,
      keyboard: false,
    },
    nodes: {
      shape: "dot",
      borderWidth: 1,
      font: { size: 14, face: "system-ui, DejaVu Sans, sans-serif", color: "#222", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 6 } },
    },
    edges: {
      smooth: false,
      width: 1,
      selectionWidth: 1.5,
      arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      color: { color: "#a8a8a8", highlight: "#333333", inherit: false },
      font: { size: 11, face: "system-ui, DejaVu Sans, sans-serif", color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal" },
      // edge labels only once zoomed in enough to read them
      scaling: { label: { drawThreshold: 9 } },
    },
  };
  var container = $("kg-canvas");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  var api = {
    network: network, nodes: nodes, edges: edges, data: data, ready: false, readyAt: null,
    drawnCounts: drawnCounts, focus: focusNode, select: selectNode, highlighted: null,
  };
  window.kgView = api;

  // ---- filters ----
  var kindOn = data.kinds.map(function () { return true; });
  var predOn = data.predicates.map(function () { return true; });
  var docOn = data.documents.map(function () { return true; });
  var minConfidence = 0;
  // The time filter: evidence the text dates outside [yearFrom, yearTo] is left out; undated
  // evidence always passes. null: no bound.
  var yearFrom = null, yearTo = null;
  var topN = N;
  var nodeVisible = new Uint8Array(N).fill(1);
  var edgeVisible = new Uint8Array(E).fill(1);

  function inYears(ev) {
    if (ev[WHEN] === undefined || ev[WHEN] === "") return true;
    if (yearTo !== null && ev[YEAR_LO] !== null && ev[YEAR_LO] > yearTo) return false;
    if (yearFrom !== null && ev[YEAR_HI] !== null && ev[YEAR_HI] < yearFrom) return false;
    return true;
  }

  function evidencePasses(e, docFilter) {
    var items = data.edges[e][3];
    if (items.length === 0) return !docFilter && minConfidence <= 0;
    for (var j = 0; j < items.length; j++) {
      var ev = items[j];
      if (docOn[ev[0]] && (minConfidence <= 0 || (ev[2] !== null && ev[2] >= minConfidence)) && inYears(ev)) return true;
    }
    return false;
  }

  function applyFilters() {
    var docFilter = docOn.indexOf(false) >= 0;
    var edgeFilter = predOn.indexOf(false) >= 0 || docFilter || minConfidence > 0 ||
      yearFrom !== null || yearTo !== null;
    var base = new Uint8Array(N), hasEdge = new Uint8Array(N);
    for (var n = 0; n < N; n++) base[n] = kindOn[data.nodes[n][KIND]] && n < topN ? 1 : 0;
    var nextEdge = new Uint8Array(E);
    for (var e = 0; e < E; e++) {
      var d = data.edges[e];
      if (base[d[0]] && base[d[1]] && predOn[d[2]] && evidencePasses(e, docFilter)) {
        nextEdge[e] = 1; hasEdge[d[0]] = 1; hasEdge[d[1]] = 1;
      }
    }
    var nodeChanges = [], edgeChanges = [];
    for (n = 0; n < N; n++) {
      var v = base[n] && (!edgeFilter || hasEdge[n]) ? 1 : 0;
      if (v !== nodeVisible[n]) { nodeVisible[n] = v; nodeChanges.push({ id: n, hidden: !v }); }
    }
    for (e = 0; e < E; e++) {
      if (nextEdge[e] !== edgeVisible[e]) { edgeVisible[e] = nextEdge[e]; edgeChanges.push({ id: e, hidden: !nextEdge[e] }); }
    }
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    if (api.highlighted !== null && !nodeVisible[api.highlighted.node]) clearSelection();
    else if (api.highlighted !== null) highlight(api.highlighted.node);
    updateStatus();
    runSearch();
  }

  function drawnCounts() {
    var n = 0, e = 0;
    for (var i = 0; i < N; i++) n += nodeVisible[i];
    for (var j = 0; j < E; j++) e += edgeVisible[j];
    return { nodes: n, edges: e, total_nodes: N, total_edges: E };
  }

  function updateStatus() {
    var c = drawnCounts();
    $("kg-status").textContent = "Showing " + c.nodes.toLocaleString("en") + " of " + N.toLocaleString("en") +
      " entities, " + c.edges.toLocaleString("en") + " of " + E.toLocaleString("en") + " relations";
  }

  function swatch(shape, color, border) {
    var c = el("canvas"), s = 14, r = 5.5, x = 7, y = 7;
    c.width = s; c.height = s;
    var g = c.getContext("2d");
    g.fillStyle = color; g.strokeStyle = border; g.lineWidth = 1;
    g.beginPath();
    var poly = function (points) { g.moveTo(points[0][0], points[0][1]); points.slice(1).forEach(function (p) { g.lineTo(p[0], p[1]); }); g.closePath(); };
    var star = [];
    for (var k = 0; k < 10; k++) {
      var a = -Math.PI / 2 + k * Math.PI / 5, rr = k % 2 ? r * 0.45 : r + 1;
      star.push([x + rr * Math.cos(a), y + rr * Math.sin(a)]);
    }
    var hex = [];
    for (k = 0; k < 6; k++) hex.push([x + r * Math.cos(k * Math.PI / 3), y + r * Math.sin(k * Math.PI / 3)]);
    var shapes = {
      square: function () { g.rect(x - r, y - r, 2 * r, 2 * r); },
      triangle: function () { poly([[x, y - r - 1], [x + r + 1, y + r], [x - r - 1, y + r]]); },
      triangleDown: function () { poly([[x, y + r + 1], [x + r + 1, y - r], [x - r - 1, y - r]]); },
      diamond: function () { poly([[x, y - r - 1], [x + r + 1, y], [x, y + r + 1], [x - r - 1, y]]); },
      star: function () { poly(star); },
      hexagon: function () { poly(hex); },
    };
    (shapes[shape] || function () { g.arc(x, y, r, 0, 2 * Math.PI); })();
    g.fill(); g.stroke();
    return c;
  }

  function checkbox(container, name, count, state, index, icon, title) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = String(index);
    box.addEventListener("change", function () { state[index] = box.checked; applyFilters(); });
    label.appendChild(box);
    if (icon) label.appendChild(icon);
    label.appendChild(el("span", "name", name));
    label.appendChild(el("span", "count", count));
    label.title = title || name;
    container.appendChild(label);
  }

  function buildFilters() {
    data.kinds.forEach(function (k, i) { checkbox($("kg-kinds"), k.name, k.count, kindOn, i, swatch(k.shape, k.color, k.border)); });
    data.predicates.forEach(function (p, i) { checkbox($("kg-predicates"), (p.symmetric ? "↔ " : "→ ") + p.label, p.count, predOn, i); });
    // a path's file name is what tells documents apart; the whole name is in the tooltip
    data.documents.forEach(function (d, i) { checkbox($("kg-documents"), d.name.split("/").pop() || d.name, d.count, docOn, i, null, d.name); });
    var states = { kinds: kindOn, predicates: predOn, documents: docOn };
    Array.prototype.forEach.call(document.querySelectorAll("button[data-all]"), function (button) {
      button.addEventListener("click", function () {
        var name = button.getAttribute("data-all"), state = states[name];
        var value = state.indexOf(false) >= 0;  // some off: turn all on; all on: turn all off
        for (var i = 0; i < state.length; i++) state[i] = value;
        Array.prototype.forEach.call($("kg-" + name).querySelectorAll("input"), function (b) { b.checked = value; });
        applyFilters();
      });
    });
    var range = $("kg-confidence");
    range.addEventListener("input", function () {
      minConfidence = Number(range.value);
      $("kg-confidence-value").textContent = minConfidence.toFixed(2);
      applyFilters();
    });
    var years = data.years;
    if (years) {
      var from = $("kg-year-from"), to = $("kg-year-to");
      from.min = to.min = String(years[0]); from.max = to.max = String(years[1]);
      from.placeholder = String(years[0]); to.placeholder = String(years[1]);
      var readYears = function () {
        yearFrom = from.value === "" ? null : Math.floor(Number(from.value));
        yearTo = to.value === "" ? null : Math.floor(Number(to.value));
        applyFilters();
      };
      from.addEventListener("change", readYears);
      to.addEventListener("change", readYears);
    } else {
      $("kg-years").hidden = true;
    }
    var top = $("kg-top");
    top.max = String(N); top.value = String(N);
    $("kg-top-of").textContent = "of " + N.toLocaleString("en") + (data.total_nodes > N ? " shown (" + data.total_nodes.toLocaleString("en") + " in graph)" : "");
    top.addEventListener("change", function () {
      var v = Math.max(1, Math.min(N, Math.floor(Number(top.value) || N)));
      top.value = String(v); topN = v; applyFilters();
    });
    $("kg-notice").textContent = data.notice || "";
  }

  // ---- selection, neighbourhood highlight and the evidence panel ----
  function neighbourhood(id) {
    var ns = new Set([id]), es = [];
    nodeEdges[id].forEach(function (e) {
      if (!edgeVisible[e]) return;
      es.push(e); ns.add(data.edges[e][0]); ns.add(data.edges[e][1]);
    });
    return { node: id, nodes: Array.from(ns), edges: es };
  }

  function highlight(id) {
    api.highlighted = neighbourhood(id);
    network.redraw();
  }

  // Fade everything, then draw the neighbourhood again on top: costs the size of the
  // neighbourhood, not of the graph (re-colouring every node would cost a DataSet update).
  network.on("afterDrawing", function (ctx) {
    if (!api.ready && !api.readyPending) {
      // ready once the first frame has been produced: at the start of the next one
      api.readyPending = true;
      requestAnimationFrame(function () {
        api.ready = true;
        api.readyAt = performance.now();
        document.body.setAttribute("data-ready", "true");
      });
    }
    var h = api.highlighted, body = network.body;
    if (h !== null) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = "rgba(255,255,255,0.78)";
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
      h.edges.forEach(function (e) { var edge = body.edges[e]; if (edge) { edge.draw(ctx); edge.drawArrows(ctx); } });
      h.nodes.forEach(function (n) {
        var node = body.nodes[n];
        var drawn = node ? node.draw(ctx) : null;
        // shapes with the label outside (dot, square, …) hand back a function drawing it
        if (drawn && drawn.drawExternalLabel) drawn.drawExternalLabel();
      });
    }
    drawImportantLabels(ctx);
  });

  // Zoomed out, vis draws no labels at all; name the most important entities (or the
  // highlighted neighbourhood) anyway, at a readable size, skipping any that would overlap.
  var LABEL_FONT = 12, LABEL_SCAN = 3000, LABEL_MAX = 150, labelWidth = new Float32Array(N);
  function drawImportantLabels(ctx) {
    var scale = network.getScale();
    if (options.nodes.font.size * scale >= options.nodes.scaling.label.drawThreshold - 1) return;
    var view = network.body.view, w = ctx.canvas.clientWidth, hgt = ctx.canvas.clientHeight;
    var h = api.highlighted;
    var candidates = h !== null ? [h.node].concat(h.nodes.filter(function (n) { return n !== h.node; })) : null;
    var count = candidates ? candidates.length : Math.min(N, LABEL_SCAN);
    var placed = [];
    ctx.save();
    ctx.setTransform(window.devicePixelRatio || 1, 0, 0, window.devicePixelRatio || 1, 0, 0);
    ctx.font = LABEL_FONT + "px " + options.nodes.font.face;
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#222";
    for (var i = 0; i < count && placed.length < LABEL_MAX; i++) {
      var id = candidates ? candidates[i] : i;
      if (!nodeVisible[id]) continue;
      var node = network.body.nodes[id];
      var x = node.x * scale + view.translation.x, y = node.y * scale + view.translation.y + data.nodes[id][SIZE] * scale + 2;
      if (x < -50 || x > w + 50 || y < -20 || y > hgt + 20) continue;
      if (!labelWidth[id]) labelWidth[id] = ctx.measureText(data.nodes[id][LABEL]).width + 4;
      var r = { l: x - labelWidth[id] / 2, r: x + labelWidth[id] / 2, t: y, b: y + LABEL_FONT + 2 };
      var free = true;
      for (var j = 0; j < placed.length && free; j++) {
        var o = placed[j];
        free = r.r < o.l || r.l > o.r || r.b < o.t || r.t > o.b;
      }
      if (!free) continue;
      placed.push(r);
      ctx.strokeText(data.nodes[id][LABEL], x, y);
      ctx.fillText(data.nodes[id][LABEL], x, y);
    }
    ctx.restore();
  }

  function clearSelection() {
    api.highlighted = null;
    network.unselectAll();
    var panel = $("kg-panel");
    panel.hidden = true;
    panel.textContent = "";
    network.redraw();
  }

  function nodeLink(id) {
    var a = el("a", null, data.nodes[id][LABEL]);
    a.href = "#";
    a.addEventListener("click", function (event) { event.preventDefault(); focusNode(id); });
    return a;
  }

  function marked(sentence, marks) {
    var q = el("blockquote");
    marks = marks.filter(function (m) { return m[0] !== null && m[1] !== null && m[0] < m[1]; });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    marks.forEach(function (m) {
      if (m[0] < at) return;  // overlapping mentions: keep the first
      q.appendChild(document.createTextNode(sentence.slice(at, m[0])));
      q.appendChild(el("mark", m[2], sentence.slice(m[0], m[1])));
      at = m[1];
    });
    q.appendChild(document.createTextNode(sentence.slice(at)));
    return q;
  }

  function factItem(e) {
    var d = data.edges[e], pred = data.predicates[d[2]];
    var li = el("li");
    var fact = el("div", "fact");
    fact.appendChild(nodeLink(d[0]));
    fact.appendChild(el("span", "pred", " " + (pred.symmetric ? "— " : "") + pred.label + (pred.symmetric ? " —" : " →") + " "));
    fact.appendChild(nodeLink(d[1]));
    li.appendChild(fact);
    if (d[3].length === 0) li.appendChild(el("div", "source", "no evidence recorded"));
    // d[4]: how often the edge is stated in all, where documents kept only their first pieces.
    if (d[4]) li.appendChild(el("div", "source", "stated " + d[4].toLocaleString("en") + " times; " + d[3].length + " of them kept"));
    d[3].forEach(function (ev) {
      li.appendChild(marked(data.sentences[ev[1]], [[ev[5], ev[6], "subj"], [ev[7], ev[8], "obj"]]));
      var parts = [data.documents[ev[0]].name];
      if (ev[4]) parts.push("“" + ev[4] + "”");
      if (ev[3]) parts.push("rule " + ev[3]);
      if (ev[2] !== null) parts.push("confidence " + ev[2].toFixed(2));
      if (ev[WHEN]) parts.push("when " + ev[WHEN]);
      li.appendChild(el("div", "source", parts.join(" · ")));
    });
    return li;
  }

  function openPanel(title, meta, edgeIds) {
    var panel = $("kg-panel");
    panel.textContent = "";
    var head = el("header");
    head.appendChild(el("h2", null, title));
    var close = el("button", "close", "×");
    close.type = "button"; close.title = "Close"; close.setAttribute("aria-label", "Close");
    close.addEventListener("click", clearSelection);
    head.appendChild(close);
    panel.appendChild(head);
    meta.forEach(function (m) { panel.appendChild(el("div", "meta", m)); });
    var list = el("ul", "facts");
    var limit = 200;
    edgeIds.slice(0, limit).forEach(function (e) { list.appendChild(factItem(e)); });
    panel.appendChild(list);
    if (edgeIds.length > limit) panel.appendChild(el("div", "more", "and " + (edgeIds.length - limit) + " more relations"));
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function selectNode(id) {
    if (!nodeVisible[id]) return false;
    highlight(id);
    network.selectNodes([id], true);
    var n = data.nodes[id], kind = data.kinds[n[KIND]].name;
    var facts = api.highlighted.edges.slice().sort(function (a, b) { return data.edges[b][3].length - data.edges[a][3].length; });
    var meta = [
      kind + " · " + n[DEGREE] + " relations · PageRank " + n[RANK].toPrecision(3) + " (#" + (id + 1) + ")",
      n[IRI],
    ];
    (n[DATES] || []).forEach(function (d) { meta.push(d[0] + ": " + d[1]); });
    openPanel(n[LABEL], meta, facts);
    return true;
  }

  function selectEdge(e) {
    var d = data.edges[e];
    api.highlighted = { node: d[0], nodes: [d[0], d[1]], edges: [e] };
    network.redraw();
    openPanel(data.predicates[d[2]].label, [data.nodes[d[0]][LABEL] + " — " + data.nodes[d[1]][LABEL]], [e]);
  }

  function focusNode(id) {
    if (!selectNode(id)) return false;
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    return true;
  }

  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0]);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else clearSelection();
  });

  // ---- search ----
  var lowered = data.nodes.map(function (n) { return n[LABEL].toLowerCase(); });
  var results = [], active = 0;
  var input = $("kg-search"), list = $("kg-results");

  function runSearch() {
    var q = input.value.trim().toLowerCase();
    results = [];
    if (q) {
      var prefix = [], inner = [];
      for (var n = 0; n < N && prefix.length < 20; n++) {
        if (!nodeVisible[n]) continue;
        var at = lowered[n].indexOf(q);
        if (at === 0) prefix.push(n); else if (at > 0 && inner.length < 20) inner.push(n);
      }
      results = prefix.concat(inner).slice(0, 20);  // ids are ranks: most important first
    }
    active = 0;
    renderResults();
  }

  function renderResults() {
    list.textContent = "";
    results.forEach(function (id, i) {
      var li = el("li", i === active ? "active" : "");
      li.setAttribute("role", "option");
      li.appendChild(el("span", "name", data.nodes[id][LABEL]));
      li.appendChild(el("span", "kind", data.kinds[data.nodes[id][KIND]].name));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(id); });
      list.appendChild(li);
    });
  }

  function choose(id) {
    focusNode(id);
    results = [];
    renderResults();
  }

  input.addEventListener("input", runSearch);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!results.length) return;
      active = (active + (event.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
      renderResults();
      event.preventDefault();
    } else if (event.key === "Enter") {
      if (results.length) choose(results[active]);
      event.preventDefault();
    } else if (event.key === "Escape") {
      input.value = ""; runSearch();
    }
  });
  input.addEventListener("blur", function () { results = []; renderResults(); });
  input.addEventListener("focus", runSearch);

  // ---- drawing less: vis draws every edge and arrowhead one by one, on screen or not ----
  // Zoomed out, where arrowheads and labels are specks, all plain edges become one path;
  // zoomed in, only edges crossing the visible area are drawn, with labels and arrows.
  var DETAIL_SCALE = 0.35, EDGE_COLOR = options.edges.color.color;
  var renderer = network.renderer, body = network.body, viewBox = null;
  network.on("beforeDrawing", function () {
    var a = network.DOMtoCanvas({ x: 0, y: 0 });
    var b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    var margin = 80 / network.getScale();
    viewBox = { l: a.x - margin, t: a.y - margin, r: b.x + margin, b: b.y + margin };
  });
  function onScreen(edge) {
    var f = edge.from, t = edge.to;
    return (f.x > t.x ? f.x : t.x) >= viewBox.l && (f.x < t.x ? f.x : t.x) <= viewBox.r &&
      (f.y > t.y ? f.y : t.y) >= viewBox.t && (f.y < t.y ? f.y : t.y) <= viewBox.b;
  }
  renderer._drawEdges = function (ctx) {
    var all = body.edges, ids = body.edgeIndices, scale = network.getScale(), i, edge;
    if (scale >= DETAIL_SCALE || viewBox === null) {
      for (i = 0; i < ids.length; i++) {
        edge = all[ids[i]];
        if (edge.connected && (viewBox === null || onScreen(edge))) edge.draw(ctx);
      }
      return;
    }
    var special = [];
    ctx.beginPath();
    for (i = 0; i < ids.length; i++) {
      edge = all[ids[i]];
      if (!edge.connected || !edgeVisible[edge.id]) continue;
      if (edge.selected) { special.push(edge); continue; }
      ctx.moveTo(edge.from.x, edge.from.y);
      ctx.lineTo(edge.to.x, edge.to.y);
    }
    ctx.strokeStyle = EDGE_COLOR;
    ctx.lineWidth = Math.max(options.edges.width, 0.3 / scale);
    ctx.stroke();
    special.forEach(function (e) { e.draw(ctx); });
  };
  // Far out, where every node is a speck of a few pixels, fill them kind by kind in one
  // path each instead of drawing 5,000 shapes one by one; selected nodes are drawn as usual.
  var SPECK_PX = 3, maxSize = 0, drawNodes = renderer._drawNodes, boxed = new Uint8Array(N);
  data.nodes.forEach(function (n) { if (n[SIZE] > maxSize) maxSize = n[SIZE]; });
  renderer._drawNodes = function (ctx, alwaysShow) {
    var scale = network.getScale();
    if (maxSize * scale >= SPECK_PX || viewBox === null) return drawNodes.call(renderer, ctx, alwaysShow);
    var all = body.nodes, ids = body.nodeIndices, byKind = data.kinds.map(function () { return []; });
    var special = [], labels = [], i, node;
    for (i = 0; i < ids.length; i++) {
      node = all[ids[i]];
      if (!boxed[node.id]) { node.updateBoundingBox(ctx, false); boxed[node.id] = 1; }  // for clicks
      if (!nodeVisible[node.id]) continue;
      if (node.hover || node.isSelected()) { special.push(node); continue; }
      if (node.x < viewBox.l || node.x > viewBox.r || node.y < viewBox.t || node.y > viewBox.b) continue;
      byKind[data.nodes[node.id][KIND]].push(node);
    }
    byKind.forEach(function (list, k) {
      if (!list.length) return;
      ctx.beginPath();
      list.forEach(function (n) { var r = n.options.size; ctx.moveTo(n.x + r, n.y); ctx.arc(n.x, n.y, r, 0, 2 * Math.PI); });
      ctx.fillStyle = data.kinds[k].color;
      ctx.fill();
    });
    special.forEach(function (n) { var d = n.draw(ctx); if (d && d.drawExternalLabel) labels.push(d.drawExternalLabel); });
    return { drawExternalLabels: function () { labels.forEach(function (f) { f(); }); } };
  };
  renderer._drawArrows = function (ctx) {
    if (network.getScale() < DETAIL_SCALE || viewBox === null) return;
    var all = body.edges, ids = body.edgeIndices;
    for (var i = 0; i < ids.length; i++) {
      var edge = all[ids[i]];
      if (edge.connected && onScreen(edge)) edge.drawArrows(ctx);
    }
  };

  buildFilters();
  updateStatus();
  network.fit({ animation: false });
})();
