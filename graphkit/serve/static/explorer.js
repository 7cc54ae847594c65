/* graphkit explorer: the map component of gkcore.js over the server's JSON API.
 *
 * Everything from the graph arrives as JSON (fetch) and is put on the page with textContent or drawn on
 * the canvas by vis-network; no innerHTML. The view grows by pieces (a query's nodes, an expand, a path),
 * each in the shape graphkit.render.graph_data gives, so the panels are the standalone map's.
 * window.graphkit exposes the network and the view for tests.
 */
(function () {
  "use strict";

  var el = GK.el;
  var container = document.getElementById("gk-map");
  var infoBox = document.getElementById("gk-info");
  var meta = { labels: {}, types: {}, articles: {}, big: false, nodes: [], physics: false, overview_lines: 80 };
  var nodeById = new Map();
  var edgeById = new Map();
  var more = new Map();   // node id -> next expand offset, while it has more neighbours
  var expanded = new Set();  // nodes expanded in this view: a merged view draws all their lines
  var labelOn = {};
  var typeOn = {};
  var selected = [];
  var current = null;
  //: above this many lines in view, their labels wait until the viewer zooms in
  var DENSE_EDGES = 80;
  //: how far apart (layout px) a node added to the view keeps from the others, and how far it may move for it
  var ROOM = 48;
  var ROOM_STEPS = 14;
  var colors = {};        // label -> colour, for every label (search lists nodes of labels not in view yet)

  /* The error is on the page already (showError): a failed request needs no more handling. */
  function quiet(promise) { return promise.catch(function () { return null; }); }

  function nameOf(id) { var n = nodeById.get(id); return n ? n.name : "a node not in view"; }

  // -- requests --------------------------------------------------------------------------------

  var status = document.getElementById("gk-status");
  var errorBox = document.getElementById("gk-error");

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  function api(path, body) {
    var init = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" },
                                           body: JSON.stringify(body) };
    status.textContent = "working…";
    return fetch(path, init).then(function (r) {
      return r.json().then(function (data) {
        status.textContent = "";
        if (!r.ok) { throw new Error(data.error || ("graphkit: HTTP " + r.status)); }
        return data;
      });
    }).catch(function (e) {
      status.textContent = "";
      showError(e.message);
      throw e;
    });
  }

  // -- the view ----------------------------------------------------------------------------------

  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var nodeView = new vis.DataView(nodes, { filter: function (v) { return labelOn[nodeById.get(v.id).group] !== false; } });
  function passes(e) {
    return typeOn[e.type] !== false && labelOn[nodeById.get(e.from).group] !== false &&
      labelOn[nodeById.get(e.to).group] !== false;
  }
  // A dense actors view draws one line per pair (gkcore.js's pairView keeps those in the edges DataSet);
  // other views, and the per-type edges the pair lines are made of, are drawn as they are.
  var lines = GK.pairView(edges, meta, function () { return Array.from(edgeById.values()).filter(passes); },
    document.getElementById("gk-lines-note"), function (v) { v.title = tip("e:" + v.id); });
  var edgeView = new vis.DataView(edges, {
    filter: function (v) { return GK.isPair(v.id) || (!lines.on && passes(edgeById.get(v.id))); },
  });
  function tip(key) {
    var box = el("div");
    box.dataset.key = key;
    return box;
  }

  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, GK.options(meta));
  window.graphkitNetwork = network;
  GK.trackLabels(network, nodes, function () { return Array.from(nodeById.values()); });


  /* Add a piece (graph_data's shape) to the view. Replacing starts a new view at the piece's positions;
   * adding places new nodes around ``anchor`` (the expanded node) in the piece's own layout. */
  function load(piece, replace, anchor) {
    if (replace) {
      nodes.clear(); edges.clear(); nodeById.clear(); edgeById.clear(); more.clear(); expanded.clear();
      infoBox.hidden = true;
      // one line per pair when the server says the view is dense (graph_data's merge); pieces added later
      // (an expand, a path) join the view as it is
      lines.on = meta.merge = piece.merge === true;
      lines.all = false;
      lines.pairs = new Map();
      lines.drawn = new Map();
      lines.keep = new Set();
      if (piece.overview_lines) { meta.overview_lines = piece.overview_lines; }
    }
    Object.assign(meta.labels, piece.labels);
    Object.assign(meta.types, piece.types);
    Object.assign(meta.articles, piece.articles);
    var shift = replace ? { x: 0, y: 0 } : placement(piece, anchor);
    var dx = shift.x;
    var dy = shift.y;
    var newNodes = [];
    piece.nodes.forEach(function (n) {
      if (nodeById.has(n.id)) { return; }
      n.x += dx; n.y += dy;
      nodeById.set(n.id, n);
      var v = GK.visNode(n, meta);
      v.title = tip("n:" + n.id);
      newNodes.push(v);
    });
    var newEdges = [];
    piece.edges.forEach(function (e) {
      if (edgeById.has(e.id)) { return; }
      edgeById.set(e.id, e);
      var v = GK.visEdge(e, meta);
      v.title = tip("e:" + e.id);
      newEdges.push(v);
    });
    if (!replace) { makeRoom(newNodes, shift.anchor); }
    nodes.add(newNodes);
    edges.add(newEdges);
    lines.sync();
    Object.keys(meta.labels).forEach(function (l) { if (!(l in labelOn)) { labelOn[l] = true; } });
    Object.keys(meta.types).forEach(function (t) { if (!(t in typeOn)) { typeOn[t] = true; } });
    // Dense views label their lines only once zoomed in (the lines' colours and the legend say the type).
    var dense = lines.on || edgeById.size > DENSE_EDGES;
    network.setOptions({ edges: { scaling: { label: { drawThreshold: dense ? GK.DENSE_LABEL : 8 } } } });
    if (replace) { network.fit({ animation: false }); }
    GK.sizeLabels(network, nodes, Array.from(nodeById.values()));
    drawLegend();
    counts();
    document.body.dataset.map = "ready";
    document.body.dataset.nodes = String(nodeById.size);
  }

  /* Where a piece added to the view goes: its ``anchor`` (the node expanded) onto the anchor in view; a
   * piece that does not hold a node in view (a search result far from it) beside the view, not on it. */
  function placement(piece, anchor) {
    var own = anchor && piece.nodes.filter(function (n) { return n.id === anchor; })[0];
    var at = own && nodeById.has(anchor) ? network.getPositions([anchor])[anchor] : null;
    if (at) { return { x: at.x - own.x, y: at.y - own.y, anchor: at }; }
    if (!nodeById.size || !piece.nodes.length) { return { x: 0, y: 0 }; }
    var view = bounds(Object.values(network.getPositions()));
    var mine = bounds(piece.nodes);
    return { x: view.maxX + (mine.maxX - mine.minX) * 0.15 + 120 - mine.minX, y: (view.minY + view.maxY) / 2 - (mine.minY + mine.maxY) / 2 };
  }

  /* Move each new node out from the anchor (or from the middle of the new ones) along its own direction
   * until it is clear of the nodes already in view and of the new ones placed before it: two pieces laid
   * out on their own would otherwise draw on top of each other. */
  function makeRoom(added, anchor) {
    if (!added.length || !nodeById.size) { return; }
    var placed = Object.values(network.getPositions());
    var from = anchor || centreOf(added);
    added.forEach(function (v, i) {
      var ux = v.x - from.x;
      var uy = v.y - from.y;
      var len = Math.hypot(ux, uy);
      if (len < 1) { ux = Math.cos(i * 2.4); uy = Math.sin(i * 2.4); len = 1; }
      ux /= len; uy /= len;
      for (var step = 0; step < ROOM_STEPS && crowded(v, placed); step++) {
        v.x += ux * ROOM; v.y += uy * ROOM;
      }
      placed.push({ x: v.x, y: v.y });
    });
  }

  function crowded(v, placed) {
    for (var k = 0; k < placed.length; k++) {
      if (Math.abs(placed[k].x - v.x) < ROOM && Math.abs(placed[k].y - v.y) < ROOM * 0.7) { return true; }
    }
    return false;
  }

  function centreOf(points) {
    var b = bounds(points);
    return { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 };
  }

  function bounds(points) {
    var b = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
    points.forEach(function (p) {
      b.minX = Math.min(b.minX, p.x); b.maxX = Math.max(b.maxX, p.x);
      b.minY = Math.min(b.minY, p.y); b.maxY = Math.max(b.maxY, p.y);
    });
    return b;
  }

  function counts() {
    document.getElementById("gk-counts").textContent = "in view: " + nodeById.size.toLocaleString("en") +
      " nodes, " + edgeById.size.toLocaleString("en") + " relationships" +
      (lines.on ? " between " + lines.pairs.size.toLocaleString("en") + " pairs" : "");
  }

  function note(text) { document.getElementById("gk-view-note").textContent = text ? "· " + text : ""; }

  // -- legend: what is in view, with checkboxes -------------------------------------------------

  var legend = document.getElementById("gk-legend");
  function drawLegend() {
    legend.replaceChildren();
    var byLabel = {};
    nodeById.forEach(function (n) { byLabel[n.group] = (byLabel[n.group] || 0) + 1; });
    var byType = {};
    edgeById.forEach(function (e) { byType[e.type] = (byType[e.type] || 0) + 1; });
    function section(title, tally, styles, on, key) {
      var s = el("section");
      s.appendChild(el("h2", title));
      Object.keys(tally).sort().forEach(function (name) {
        var row = el("label", null, "gk-row");
        var box = el("input");
        box.type = "checkbox";
        box.checked = on[name] !== false;
        box.dataset[key] = name;
        box.addEventListener("change", function () {
          on[name] = box.checked;
          lines.sync();
          nodeView.refresh();
          edgeView.refresh();
          counts();
        });
        var sw = el("i", null, "gk-swatch");
        sw.style.background = (styles[name] || {}).color || "#999";
        row.appendChild(box);
        row.appendChild(sw);
        row.appendChild(el("span", name, "gk-name"));
        row.appendChild(el("span", String(tally[name]), "gk-count"));
        s.appendChild(row);
      });
      legend.appendChild(s);
    }
    section("Nodes", byLabel, meta.labels, labelOn, "label");
    if (Object.keys(byType).length) {
      section("Relationships", byType, meta.types, typeOn, "type");
      if (lines.on) { legend.lastChild.insertBefore(GK.mergeKey(), legend.lastChild.children[1]); }
    }
  }

  // -- panels ------------------------------------------------------------------------------------

  var panelCtx = {
    data: meta, nameOf: nameOf,
    pick: function (id) { quiet(pick(id)); },
    connections: function (n) { return n._connections || GK.localConnections(Array.from(edgeById.values()), nameOf, n.id); },
    readArticle: function (ev) { quiet(openArticle(ev)); },
  };

  function panel(content) {
    infoBox.replaceChildren();
    infoBox.appendChild(GK.button("×", "gk-link gk-close", function () { infoBox.hidden = true; }));
    infoBox.appendChild(content);
    infoBox.hidden = false;
  }

  function showNode(id) {
    current = id;
    return api("/api/node/" + encodeURIComponent(id)).then(function (r) {
      Object.assign(meta.articles, r.articles);
      var n = nodeById.get(id) || r.node;
      n._connections = r.connections;
      // the tooltip's count: all its connections in the store, not only those in view
      n.degree = r.connections.reduce(function (sum, g) { return sum + g.total; }, 0);
      var box = GK.panelNode(panelCtx, n);
      if (n.evidence) {
        box.appendChild(GK.button("read it in the article", "gk-link gk-read", function () { quiet(openArticle(n.evidence)); }));
      }
      var actions = el("p", null, "gk-actions-line");
      var left = more.has(id) ? more.get(id) : null;
      actions.appendChild(GK.button(left === null ? "expand neighbours" : "show more neighbours", "gk-link gk-expand",
        function () { quiet(expand(id)); }));
      box.appendChild(actions);
      panel(box);
    });
  }

  function showEdge(id) {
    if (GK.isPair(id)) {
      var p = lines.pairs.get(id);
      if (p) { panel(GK.panelPair(panelCtx, p)); }
      return;
    }
    var e = edgeById.get(id);
    if (e) { panel(GK.panelEdge(panelCtx, e)); }
  }

  /* A merged view draws every line of the nodes selected and expanded, not only the overview's. */
  function keepLines() {
    var keep = new Set(expanded);
    selected.forEach(function (id) { keep.add(id); });
    lines.keep = keep;
    if (lines.on && !lines.all) { lines.sync(); }
  }

  function focusNode(id) {
    var picked = nodeById.get(id);
    if (picked && !picked._pinned) {  // its label stays, at any zoom
      picked._pinned = true;
      GK.sizeLabels(network, nodes, Array.from(nodeById.values()));
    }
    network.selectNodes([id]);
    // up and to the right of the middle: the panel that opens with it takes the lower left
    var box = container.getBoundingClientRect();
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), offset: { x: box.width * 0.08, y: -box.height * 0.18 },
                        animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    selected = [id];
    updatePath();
    keepLines();
  }

  /* Select a node, bringing it (and its neighbourhood) into view if it is not there yet. */
  function pick(id) {
    if (nodeById.has(id)) { focusNode(id); return showNode(id); }
    return api("/api/expand/" + encodeURIComponent(id) + "?limit=30").then(function (piece) {
      load(piece, nodeById.size === 0, current && nodeById.has(current) ? current : null);
      focusNode(id);
      return showNode(id);
    });
  }

  function expand(id) {
    var offset = more.get(id) || 0;
    return api("/api/expand/" + encodeURIComponent(id) + "?offset=" + offset).then(function (piece) {
      expanded.add(id);
      load(piece, nodeById.size === 0, id);
      if (piece.more > 0) { more.set(id, piece.offset + piece.shown); } else { more.delete(id); }
      var n = function (x) { return x.toLocaleString("en"); };
      note(nameOf(id) + ": " + n(Math.min(piece.offset + piece.shown, piece.total)) + " of " + n(piece.total) +
        (piece.total_capped ? "+" : "") + " neighbours" + (piece.more ? " (show more in its panel)" : ""));
      return showNode(id);
    });
  }

  network.on("click", function (p) {
    if (p.nodes.length || !p.edges.length) {  // a line clicked keeps the lines it was drawn with
      selected = network.getSelectedNodes();
      keepLines();
    }
    updatePath();
    if (p.nodes.length) { quiet(showNode(p.nodes[0])); } else if (p.edges.length) { showEdge(p.edges[0]); } else { infoBox.hidden = true; }
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) { quiet(expand(p.nodes[0])); } });
  network.on("hoverNode", function (p) { fillTip("n:" + p.node); });
  network.on("hoverEdge", function (p) { fillTip("e:" + p.edge); });
  network.on("showPopup", function (id) { fillTip("n:" + id); fillTip("e:" + id); });

  function fillTip(key) {
    var item = key.charAt(0) === "n" ? nodes.get(key.slice(2)) : edges.get(key.slice(2));
    if (!item || !item.title || item.title.childNodes.length) { return; }
    var id = key.slice(2);
    if (key.charAt(0) === "n") {
      item.title.appendChild(GK.tipNode(meta, nodeById.get(id)));
    } else if (GK.isPair(id)) {
      if (lines.pairs.has(id)) { item.title.appendChild(GK.tipPair(meta, lines.pairs.get(id), nameOf)); }
    } else {
      item.title.appendChild(GK.tipEdge(meta, edgeById.get(id), nameOf));
    }
  }

  // -- path ---------------------------------------------------------------------------------------

  var pathButton = document.getElementById("gk-path");
  function updatePath() { pathButton.disabled = selected.length !== 2; }
  pathButton.addEventListener("click", function () {
    if (selected.length !== 2) { return; }
    var a = selected[0];
    var b = selected[1];
    quiet(api("/api/path?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b)).then(function (piece) {
      load(piece, false, a);
      network.selectNodes(piece.path);
      note("path: " + piece.path.map(nameOf).join(" → ") + " (" + (piece.path.length - 1) + " hops)");
    }));
  });

  // -- the article reader --------------------------------------------------------------------------

  var reader = document.getElementById("gk-article");
  document.getElementById("gk-article-close").addEventListener("click", function () { reader.hidden = true; });

  /* ev: [article id, sentence, start, end]. The offsets are those of the article's text as graphkit read
   * it; if the file changed since, the sentence is looked for instead. */
  function openArticle(ev) {
    return api("/api/article/" + encodeURIComponent(ev[0])).then(function (a) {
      document.getElementById("gk-article-title").textContent = a.title;
      document.getElementById("gk-article-meta").textContent = [a.source, a.published].filter(Boolean).join(", ");
      var text = a.text;
      var start = ev[2];
      var end = ev[3];
      var fits = typeof start === "number" && typeof end === "number" && end > start && end <= text.length &&
        (!ev[1] || text.slice(start, end).trim().length > 0);
      if (!fits && ev[1]) {
        start = text.indexOf(ev[1]);
        end = start >= 0 ? start + ev[1].length : -1;
      }
      var box = document.getElementById("gk-article-text");
      box.replaceChildren();
      if (start >= 0 && end > start) {
        box.appendChild(document.createTextNode(text.slice(0, start)));
        box.appendChild(el("mark", text.slice(start, end)));
        box.appendChild(document.createTextNode(text.slice(end)));
      } else {
        box.appendChild(document.createTextNode(text));
      }
      reader.hidden = false;
      var mark = box.querySelector("mark");
      if (mark) { mark.scrollIntoView({ block: "center" }); }
    });
  }

  // -- search --------------------------------------------------------------------------------------

  GK.suggestions(document.getElementById("gk-search-input"), document.getElementById("gk-search-results"), {
    find: function (q) { return api("/api/search?q=" + encodeURIComponent(q)); },
    describe: function (n) {
      return { name: n.name, color: (meta.labels[n.label] || {}).color || colors[n.label],
               meta: n.label + (n.articles ? " · " + n.articles + " article" + (n.articles === 1 ? "" : "s") : "") };
    },
    choose: function (n) { quiet(pick(n.id)); },
    delay: 120,
  });

  // -- queries -----------------------------------------------------------------------------------

  var picker = document.getElementById("gk-picker");
  var cypher = document.getElementById("gk-cypher");
  var paramsBox = document.getElementById("gk-params");
  var library = {};

  function choosePicked() {
    var q = library[picker.value];
    paramsBox.replaceChildren();
    document.getElementById("gk-query-about").textContent = q ? q.description : "";
    if (!q) { return; }
    cypher.value = q.cypher;
    Object.keys(q.params).forEach(function (name) {
      var label = el("label", name);
      var field = el("input");
      field.name = name;
      field.value = typeof q.params[name] === "string" ? q.params[name] : JSON.stringify(q.params[name]);
      field.dataset.kind = typeof q.params[name];
      field.id = "gk-param-" + name;
      label.htmlFor = field.id;
      paramsBox.appendChild(label);
      paramsBox.appendChild(field);
    });
  }
  picker.addEventListener("change", choosePicked);

  function cell(value) {
    if (value === null || value === undefined) { return ""; }
    if (typeof value === "object" && !Array.isArray(value)) {
      return value.name || value.title || value.text || JSON.stringify(value);
    }
    if (Array.isArray(value)) { return value.map(cell).join(", "); }
    return String(value);
  }

  function run() {
    showError("");
    var q = library[picker.value];
    var params = {};
    paramsBox.querySelectorAll("input").forEach(function (f) {
      var v = f.value;
      if (f.dataset.kind !== "string") { try { v = JSON.parse(f.value); } catch (e) { v = f.value; } }
      params[f.name] = v;
    });
    // A library query runs by name (its name parameters are resolved: actor=Lavrov finds Sergei Lavrov).
    var text = q && cypher.value === q.cypher ? q.name : cypher.value;
    return api("/api/query", { query: text, params: q ? params : {} }).then(function (r) {
      var table = document.getElementById("gk-table");
      table.replaceChildren();
      var head = el("tr");
      r.columns.forEach(function (c) { head.appendChild(el("th", c)); });
      table.appendChild(head);
      r.rows.forEach(function (row) {
        var tr = el("tr");
        r.columns.forEach(function (c) { tr.appendChild(el("td", cell(row[c]))); });
        table.appendChild(tr);
      });
      document.getElementById("gk-status").textContent = r.total + " row" + (r.total === 1 ? "" : "s") +
        (r.total > r.rows.length ? " (first " + r.rows.length + " shown)" : "");
      if (r.graph) {
        load(r.graph, true);
        note("query result" + (r.graph.capped ? " (the map shows part of it: the first nodes, or not every relationship)" : ""));
      }
      return r;
    });
  }
  document.getElementById("gk-run").addEventListener("click", function () { quiet(run()); });
  cypher.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); quiet(run()); }
  });

  // -- actors view and its filters ------------------------------------------------------------------

  function actors() {
    var q = new URLSearchParams();
    document.querySelectorAll("#gk-filter-labels input:checked").forEach(function (b) { q.append("label", b.value); });
    var type = document.getElementById("gk-filter-type").value;
    if (type) { q.append("type", type); }
    var art = document.getElementById("gk-filter-article").value;
    if (art) { q.append("article", art); }
    var since = document.getElementById("gk-since").value;
    var until = document.getElementById("gk-until").value;
    if (since) { q.append("since", since); }
    if (until) { q.append("until", until); }
    return api("/api/actors?" + q.toString()).then(function (piece) {
      load(piece, true);
      var n = function (x) { return x.toLocaleString("en"); };
      if (piece.mode === "latest") {
        note("actors view: the " + n(piece.shown) + " actors the " + n(piece.articles_read) + " latest of " +
          n(piece.articles_total) + " articles mention most; the filters and search reach all " + n(piece.total));
      } else {
        note("actors view: " + n(piece.shown) + (piece.total > piece.shown ? " best-connected of " + n(piece.total) : "") +
          " entities and their interactions" + (piece.capped ? " (of the first relationships read: narrow the filters)" : ""));
      }
    });
  }
  document.getElementById("gk-actors").addEventListener("click", function () { quiet(actors()); });
  document.getElementById("gk-apply").addEventListener("click", function () { quiet(actors()); });

  // -- export --------------------------------------------------------------------------------------

  function download(href, name) {
    var a = el("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  document.getElementById("gk-export-html").addEventListener("click", function () {
    var ids = nodeView.getIds();
    fetch("/api/export", { method: "POST", headers: { "Content-Type": "application/json" },
                           body: JSON.stringify({ ids: ids, title: document.getElementById("gk-view-note").textContent.replace(/^· /, "") || "graphkit explorer view" }) })
      .then(function (r) {
        if (!r.ok) { return r.json().then(function (d) { showError(d.error); }); }
        return r.blob().then(function (b) { download(URL.createObjectURL(b), "graphkit-map.html"); });
      });
  });
  document.getElementById("gk-export-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    if (canvas) { download(canvas.toDataURL("image/png"), "graphkit-map.png"); }
  });

  // -- start -----------------------------------------------------------------------------------------

  quiet(api("/api/info").then(function (info) {
    var total = Object.values(info.counts.nodes).reduce(function (a, b) { return a + b; }, 0);
    colors = info.colors;
    document.getElementById("gk-title").textContent = "graphkit explorer";
    var rels = Object.values(info.counts.relationships).reduce(function (a, b) { return a + b; }, 0);
    document.getElementById("gk-where").textContent = info.where + ": " + total.toLocaleString("en") + " nodes, " +
      rels.toLocaleString("en") + " relationships";
    info.queries.forEach(function (q) {
      library[q.name] = q;
      var o = el("option", q.name);
      o.value = q.name;
      picker.appendChild(o);
    });
    var labels = document.getElementById("gk-filter-labels");
    Object.keys(info.counts.nodes).filter(function (l) { return !GK.DOCUMENTS[l]; }).forEach(function (l) {
      var lab = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.value = l;
      lab.appendChild(box);
      lab.appendChild(document.createTextNode(l));
      labels.appendChild(lab);
    });
    var types = document.getElementById("gk-filter-type");
    Object.keys(info.counts.relationships).forEach(function (t) { var o = el("option", t); o.value = t; types.appendChild(o); });
    var arts = document.getElementById("gk-filter-article");
    info.articles.forEach(function (a) {
      var o = el("option", (a.published ? a.published + " · " : "") + a.title);
      o.value = a.id;
      arts.appendChild(o);
    });
    if (info.dates) {
      document.getElementById("gk-since").value = "";
      document.getElementById("gk-since").min = info.dates[0];
      document.getElementById("gk-until").max = info.dates[1];
    }
    return actors();
  }));

  window.graphkit = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, data: meta,
    nodeById: nodeById, edgeById: edgeById, lines: lines, expand: expand, pick: pick, run: run, actors: actors,
    openArticle: openArticle, showNode: showNode, showEdge: showEdge,
    select: function (ids) { network.selectNodes(ids); selected = ids.slice(); updatePath(); keepLines(); },
  };
}());
