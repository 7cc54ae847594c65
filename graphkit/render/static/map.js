/* graphkit map page script.
 *
 * Article text is untrusted, so this script never puts graph data into HTML:
 * the data arrives as JSON (parsed with JSON.parse), node and edge labels are
 * drawn on a canvas by vis-network, and tooltips, search results and the info
 * panel are DOM elements filled with textContent. No innerHTML anywhere.
 * The network is exposed as window.graphkitNetwork for tests and power users.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var container = document.getElementById("gk-map");
  var infoBox = document.getElementById("gk-info");
  var nodeById = new Map();
  var edgeById = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); });
  data.edges.forEach(function (e) { edgeById.set(e.id, e); });
  var labelOn = {};
  var typeOn = {};
  // Labels in data.labels_off (Articles, Statements and Events in the actors view) and types in
  // data.types_off (MENTIONED_IN on a big map) start hidden: the DataViews below never hand their
  // items to vis-network until the viewer shows them, which keeps the first draw fast and readable.
  Object.keys(data.labels).forEach(function (l) { labelOn[l] = data.labels_off.indexOf(l) < 0; });
  Object.keys(data.types).forEach(function (t) { typeOn[t] = data.types_off.indexOf(t) < 0; });
  var el = GK.el;

  function nameOf(id) { var n = nodeById.get(id); return n ? n.name : "a node not in this map"; }

  // -- tooltips: one empty element per node and edge, filled on first use -----
  // Filling 40,000 tooltips up front would cost seconds on a big map; an empty
  // div is cheap, and vis-network shows whatever the element holds.

  var tips = new Map();
  function placeholder(key) {
    var box = el("div");
    tips.set(key, box);
    return box;
  }

  function fillTip(key) {
    var box = tips.get(key);
    if (!box || box.childNodes.length) { return false; }
    var id = key.slice(2);
    if (key.charAt(0) === "n") {
      box.appendChild(GK.tipNode(data, nodeById.get(id)));
    } else if (GK.isPair(id)) {
      if (!lines.pairs.has(id)) { return false; }
      box.appendChild(GK.tipPair(data, lines.pairs.get(id), nameOf));
    } else {
      box.appendChild(GK.tipEdge(data, edgeById.get(id), nameOf));
    }
    return true;
  }

  // -- vis data ------------------------------------------------------------------

  function visNode(n) {
    var v = GK.visNode(n, data);
    v.title = placeholder("n:" + n.id);
    return v;
  }

  function visEdge(e) {
    var v = GK.visEdge(e, data);
    v.title = placeholder("e:" + e.id);
    return v;
  }

  // Labelled nodes last: vis-network draws nodes in this order, so no other node covers their labels.
  var nodes = new vis.DataSet(data.nodes.filter(function (n) { return !n.hub; }).concat(
    data.nodes.filter(function (n) { return n.hub; })).map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var nodeView = new vis.DataView(nodes, {
    filter: function (v) { return labelOn[nodeById.get(v.id).group] !== false; },
  });
  // Per-type edges, drawn unless the view merges them into pair lines (the edges DataSet holds those too,
  // only the ones drawn: the pair view below keeps them in step with the filters).
  function passes(e) {
    return typeOn[e.type] !== false && labelOn[nodeById.get(e.from).group] !== false &&
      labelOn[nodeById.get(e.to).group] !== false;
  }
  // A dense actors view: one line per pair of nodes while the actors view is on (Articles, Statements and
  // Events hidden); showing them goes back to a line per type.
  var lines = GK.pairView(edges, data, function () { return data.edges.filter(passes); },
    document.getElementById("gk-lines-note"), function (v) { v.title = placeholder("e:" + v.id); });
  function merging() { return data.merge && data.labels_off.every(function (l) { return !labelOn[l]; }); }
  lines.on = merging();
  lines.sync();
  var edgeView = new vis.DataView(edges, {
    filter: function (v) { return GK.isPair(v.id) || (!lines.on && passes(edgeById.get(v.id))); },
  });

  var options = GK.options(data);

  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.graphkitNetwork = network;

  // vis-network culls nodes outside the view but draws every edge, so a zoomed-in big map spends
  // seconds stroking lines nobody sees. Big maps have straight edges: skip any whose bounding box
  // misses the view (a conservative test: an edge that is drawn may still miss it). The edge class is
  // patched once some edge exists, which may be only when the viewer ticks a type.
  if (data.big) {
    var view = null;
    var edgesPatched = false;
    var patchEdges = function () {
      var someEdge = network.body.edges[Object.keys(network.body.edges)[0]];
      var edgeProto = someEdge && Object.getPrototypeOf(someEdge);
      if (!edgeProto || typeof edgeProto.draw !== "function") { return; }
      edgesPatched = true;
      var drawEdge = edgeProto.draw;
      edgeProto.draw = function (ctx) {
        var f = this.from;
        var t = this.to;
        if (view && f && t && (Math.max(f.x, t.x) < view.x0 || Math.min(f.x, t.x) > view.x1 ||
            Math.max(f.y, t.y) < view.y0 || Math.min(f.y, t.y) > view.y1)) { return; }
        return drawEdge.apply(this, arguments);
      };
    };
    network.on("beforeDrawing", function () {
      var a = network.DOMtoCanvas({ x: 0, y: 0 });
      var b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
      view = { x0: Math.min(a.x, b.x), x1: Math.max(a.x, b.x), y0: Math.min(a.y, b.y), y1: Math.max(a.y, b.y) };
      if (!edgesPatched) { patchEdges(); }
    });
  }

  // <body data-map="ready"> as soon as the network exists with its positions (there is no stabilisation
  // to wait for), and data-drawn (milliseconds since navigation) at its first drawn frame.
  network.fit({ animation: false });
  GK.sizeLabels(network, nodes, data.nodes);
  GK.trackLabels(network, nodes, function () { return data.nodes; });
  document.body.dataset.map = "ready";
  network.once("afterDrawing", function () {
    document.body.dataset.drawn = String(Math.round(performance.now()));
  });

  // Tooltips: filled on hover when hover events are on (small maps), else when the popup opens.
  network.on("hoverNode", function (p) { fillTip("n:" + p.node); });
  network.on("hoverEdge", function (p) { fillTip("e:" + p.edge); });
  network.on("showPopup", function (id) {
    var filledNode = fillTip("n:" + id);
    var filledEdge = fillTip("e:" + id);
    if (!filledNode && !filledEdge) { return; }
    var tip = container.querySelector("div.vis-tooltip");
    if (!tip) { return; }
    // Filled after vis-network placed it: keep it inside the map.
    var box = container.getBoundingClientRect();
    var r = tip.getBoundingClientRect();
    if (r.right > box.right) { tip.style.left = Math.max(0, tip.offsetLeft - (r.right - box.right) - 8) + "px"; }
    if (r.bottom > box.bottom) { tip.style.top = Math.max(0, tip.offsetTop - (r.bottom - box.bottom) - 8) + "px"; }
  });

  // -- info panel: the tooltip of the clicked node or edge, kept on screen ------

  var panelCtx = {
    data: data, nameOf: nameOf,
    pick: function (id) { focusNode(id); },
    connections: function (n) { return GK.localConnections(data.edges, nameOf, n.id); },
  };

  function showInfo(kind, id) {
    var pair = kind === "e" && GK.isPair(id);
    var item = kind === "n" ? nodeById.get(id) : pair ? lines.pairs.get(id) : edgeById.get(id);
    if (!item) { infoBox.hidden = true; return; }
    infoBox.replaceChildren();
    var close = GK.button("×", "gk-link gk-close", function () { infoBox.hidden = true; });
    close.setAttribute("aria-label", "close");
    infoBox.appendChild(close);
    infoBox.appendChild(kind === "n" ? GK.panelNode(panelCtx, item) :
      pair ? GK.panelPair(panelCtx, item) : GK.panelEdge(panelCtx, item));
    infoBox.hidden = false;
  }

  /* In a merged view a node picked shows all its lines, not only the overview's (until the background is). */
  function keep(ids) {
    lines.keep = new Set(ids);
    if (lines.on && !lines.all) { lines.sync(); }
  }

  network.on("click", function (p) {
    if (p.nodes.length) {
      keep(p.nodes);
      showInfo("n", p.nodes[0]);
    } else if (p.edges.length) {
      showInfo("e", p.edges[0]);
    } else {
      keep([]);
      infoBox.hidden = true;
    }
  });

  // -- filters -------------------------------------------------------------------

  // The header's "large map: … not drawn" note stays while a type that started off is still off.
  var hiddenNote = document.getElementById("gk-hidden-note");
  // The key to the merged lines, under the legend's Relationships heading while the view merges.
  var key = GK.mergeKey();
  var typesHeading = document.querySelector("#gk-legend h2 + h3");
  if (typesHeading) { typesHeading.parentNode.insertBefore(key, typesHeading); }
  key.hidden = !lines.on;
  var actorsNote = document.getElementById("gk-actors-note");
  function refresh() {
    lines.on = merging();
    lines.sync();
    key.hidden = !lines.on;
    nodeView.refresh();
    edgeView.refresh();
    if (hiddenNote) {
      hiddenNote.hidden = data.types_off.every(function (t) { return typeOn[t]; });
    }
    if (actorsNote) {
      actorsNote.hidden = data.labels_off.every(function (l) { return labelOn[l]; });
    }
  }

  function setLabel(label, on) {
    labelOn[label] = on;
    document.querySelectorAll("#gk-legend input[data-label]").forEach(function (box) {
      if (box.dataset.label === label) { box.checked = on; }
    });
  }

  var showAll = document.getElementById("gk-show-all");
  if (showAll) {
    showAll.addEventListener("click", function () {
      data.labels_off.forEach(function (l) { setLabel(l, true); });
      refresh();
    });
  }

  document.querySelectorAll("#gk-legend input[data-label]").forEach(function (box) {
    box.addEventListener("change", function () { labelOn[box.dataset.label] = box.checked; refresh(); });
  });
  var typeBoxes = document.querySelectorAll("#gk-legend input[data-type]");
  typeBoxes.forEach(function (box) {
    box.addEventListener("change", function () { typeOn[box.dataset.type] = box.checked; refresh(); });
  });
  function setAllTypes(on) {
    typeBoxes.forEach(function (box) { box.checked = on; typeOn[box.dataset.type] = on; });
    refresh();
  }
  var allButton = document.getElementById("gk-types-all");
  var noneButton = document.getElementById("gk-types-none");
  if (allButton) { allButton.addEventListener("click", function () { setAllTypes(true); }); }
  if (noneButton) { noneButton.addEventListener("click", function () { setAllTypes(false); }); }

  document.getElementById("gk-physics").addEventListener("change", function (ev) {
    network.setOptions({ physics: { enabled: ev.target.checked } });
  });
  document.getElementById("gk-fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  });

  // -- search --------------------------------------------------------------------

  function search(query) { return GK.searchNodes(data.nodes, query, 12); }

  function focusNode(id) {
    var n = nodeById.get(id);
    if (!n) { return false; }
    if (labelOn[n.group] === false) {
      setLabel(n.group, true);
      refresh();
    }
    keep([id]);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1),
                        animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    showInfo("n", id);
    return true;
  }

  GK.suggestions(document.getElementById("gk-search-input"), document.getElementById("gk-search-results"), {
    find: search,
    describe: function (n) { return { name: n.name, meta: n.group, color: (data.labels[n.group] || {}).color }; },
    choose: function (n) { focusNode(n.id); },
  });

  document.querySelectorAll("#gk-sources button[data-node]").forEach(function (b) {
    b.addEventListener("click", function () { focusNode(b.dataset.node); });
  });

  window.graphkit = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, lines: lines,
    data: data, search: search, focus: focusNode, showInfo: showInfo,
  };
}());
