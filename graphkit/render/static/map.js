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
  Object.keys(data.labels).forEach(function (l) { labelOn[l] = true; });
  // Types in data.types_off (MENTIONED_IN on a big map) start unticked: the edge DataView below then
  // never hands their edges to vis-network until the viewer ticks them, which keeps the first draw fast.
  Object.keys(data.types).forEach(function (t) { typeOn[t] = data.types_off.indexOf(t) < 0; });

  // -- small helpers -----------------------------------------------------------

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function mix(hex, target, f) {
    var v = parseInt(hex.slice(1), 16);
    return "#" + [(v >> 16) & 255, (v >> 8) & 255, v & 255].map(function (c) {
      return Math.round(c + (target - c) * f).toString(16).padStart(2, "0");
    }).join("");
  }
  function lighten(hex, f) { return mix(hex, 255, f); }
  function darken(hex, f) { return mix(hex, 0, f); }

  function articleText(id) {
    var a = data.articles[id];
    if (!a) { return id ? "article " + id : ""; }
    var meta = [a.source, a.published].filter(Boolean).join(", ");
    return (a.title || id) + (meta ? " (" + meta + ")" : "");
  }

  // -- tooltips: one empty element per node and edge, filled on first use -----
  // Filling 40,000 tooltips up front would cost seconds on a big map; an empty
  // div is cheap, and vis-network shows whatever the element holds.

  var tips = new Map();
  function placeholder(key) {
    var box = el("div", null, "gk-tip");
    tips.set(key, box);
    return box;
  }

  function addRow(dl, term, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) { return; }
    dl.appendChild(el("dt", term));
    dl.appendChild(el("dd", Array.isArray(value) ? value.join(", ") : value));
  }

  function buildNodeTip(box, n) {
    var color = data.labels[n.group] ? data.labels[n.group].color : "#999";
    box.appendChild(el("h4", n.name));
    var kind = el("p", null, "gk-kind");
    var dot = el("i");
    dot.style.background = color;
    kind.appendChild(dot);
    kind.appendChild(document.createTextNode(n.group + (n.kind ? " · " + n.kind : "")));
    box.appendChild(kind);
    if (n.text) { box.appendChild(el("blockquote", n.text)); }
    var dl = el("dl");
    addRow(dl, "aliases", n.aliases);
    addRow(dl, "titles", n.titles);
    n.props.forEach(function (kv) { addRow(dl, kv[0], kv[1]); });
    addRow(dl, "id", n.id);
    addRow(dl, "links", String(n.degree));
    if (n.articles) { addRow(dl, "articles", String(n.articles)); }
    box.appendChild(dl);
  }

  function buildEdgeTip(box, e) {
    var from = nodeById.get(e.from);
    var to = nodeById.get(e.to);
    var directed = data.types[e.type] ? data.types[e.type].directed : true;
    box.appendChild(el("h4", e.type));
    box.appendChild(el("p", (from ? from.name : e.from) + (directed ? " → " : " — ") + (to ? to.name : e.to),
      "gk-kind"));
    var shown = e.evidence.slice(0, 4);
    shown.forEach(function (ev) {
      if (ev[1]) { box.appendChild(el("blockquote", ev[1])); }
      if (ev[0]) { box.appendChild(el("p", articleText(ev[0]), "gk-src")); }
    });
    if (e.evidence.length > shown.length) {
      box.appendChild(el("p", "+ " + (e.evidence.length - shown.length) + " more articles", "gk-more"));
    }
    var dl = el("dl");
    e.props.forEach(function (kv) { addRow(dl, kv[0], kv[1]); });
    if (e.count > 1) { addRow(dl, "seen", e.count + " times"); }
    box.appendChild(dl);
  }

  function fillTip(key) {
    var box = tips.get(key);
    if (!box || box.childNodes.length) { return false; }
    var id = key.slice(2);
    if (key.charAt(0) === "n") { buildNodeTip(box, nodeById.get(id)); } else { buildEdgeTip(box, edgeById.get(id)); }
    return true;
  }

  // -- vis data ------------------------------------------------------------------

  function visNode(n) {
    var st = data.labels[n.group] || { color: "#999999", shape: "dot" };
    var c = st.color;
    var v = {
      id: n.id, label: n.label, shape: st.shape, size: n.size, x: n.x, y: n.y,
      title: placeholder("n:" + n.id),
      color: {
        background: c, border: darken(c, 0.3),
        highlight: { background: lighten(c, 0.25), border: "#111111" },
        hover: { background: lighten(c, 0.15), border: darken(c, 0.45) },
      },
      font: { size: 14, color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff" },
    };
    if (st.shape === "box") {
      v.color.background = lighten(c, 0.78);
      v.color.border = c;
      v.color.highlight = { background: lighten(c, 0.55), border: "#111111" };
      v.color.hover = { background: lighten(c, 0.65), border: darken(c, 0.3) };
      v.font = { size: 12, color: "#1f2328" };
      v.widthConstraint = { maximum: 190 };
      v.margin = 7;
    }
    return v;
  }

  function visEdge(e) {
    var st = data.types[e.type] || { color: "#999999", dashes: false, directed: true };
    var v = {
      id: e.id, from: e.from, to: e.to,
      title: placeholder("e:" + e.id),
      color: { color: st.color, highlight: darken(st.color, 0.25), hover: darken(st.color, 0.1),
               opacity: e.type === "MENTIONED_IN" ? 0.55 : 0.9 },
      width: Math.min(1.6 + Math.log2(e.count), 6),
      // Big maps: no arrowheads or dashes, which cost more to draw than the lines themselves;
      // the direction is in the tooltip and the info panel.
      dashes: st.dashes && !data.big,
      arrows: { to: { enabled: st.directed && !data.big, scaleFactor: 0.55 } },
    };
    if (!data.big) {
      v.label = e.type;
      v.font = { size: 10, color: darken(st.color, 0.2), strokeWidth: 3, strokeColor: "#ffffff", align: "middle" };
      if (e.type === "MENTIONED_IN") { v.font.color = "#9a9a9a"; v.font.size = 9; }
      if (e.bend) { v.smooth = { enabled: true, type: e.bend > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.bend) }; }
    }
    return v;
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var nodeView = new vis.DataView(nodes, {
    filter: function (v) { return labelOn[nodeById.get(v.id).group] !== false; },
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (v) {
      var e = edgeById.get(v.id);
      return typeOn[e.type] !== false && labelOn[nodeById.get(e.from).group] !== false &&
        labelOn[nodeById.get(e.to).group] !== false;
    },
  });

  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { borderWidth: 1.5, borderWidthSelected: 3,
             font: { face: "system-ui, -apple-system, 'Segoe UI', 'Liberation Sans', Arial, sans-serif" },
             // Big maps draw a label only once it is legible (9 px on screen): thousands of
             // unreadable labels would only slow drawing down and smear the overview.
             scaling: { label: { drawThreshold: data.big ? 9 : 5 } } },
    edges: {
      smooth: data.big ? false : { enabled: true, type: "continuous", roundness: 0.5 },
      selectionWidth: 2, hoverWidth: 1, arrowStrikethrough: false,
    },
    // The positions computed in Python are the first frame, drawn at once: vis-network never runs its
    // stabilisation (400 iterations before anything is drawn, 5.7 to 19 s on a 1,000-node map). Physics,
    // when on, moves the nodes while visible. Its forces are set so that it keeps the layout's size
    // (measured from the Python layout: within about 0.95-1.15x for 40 to 1,000 nodes, where the
    // earlier settings spread it 1.8x to 4.7x); linear gravity needs more pull the more nodes there are.
    physics: {
      enabled: data.physics,
      solver: "forceAtlas2Based",
      forceAtlas2Based: {
        gravitationalConstant: -30, springLength: 100, springConstant: 0.05, damping: 0.85, avoidOverlap: 0.6,
        centralGravity: Math.min(0.1, Math.max(0.02, 0.02 * Math.pow(data.nodes.length / 40, 0.8))),
      },
      stabilization: { enabled: false },
      maxVelocity: 40, minVelocity: 1.5,
    },
    interaction: {
      hover: !data.big, tooltipDelay: 250, multiselect: true, navigationButtons: false,
      hideEdgesOnDrag: data.big, hideEdgesOnZoom: data.big,
      keyboard: { enabled: true, bindToWindow: false },
    },
  };

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

  function showInfo(kind, id) {
    var item = kind === "n" ? nodeById.get(id) : edgeById.get(id);
    if (!item) { infoBox.hidden = true; return; }
    infoBox.replaceChildren();
    var close = el("button", "×", "gk-link");
    close.type = "button";
    close.setAttribute("aria-label", "close");
    close.style.float = "right";
    close.addEventListener("click", function () { infoBox.hidden = true; });
    infoBox.appendChild(close);
    var box = el("div", null, "gk-tip");
    if (kind === "n") { buildNodeTip(box, item); } else { buildEdgeTip(box, item); }
    infoBox.appendChild(box);
    infoBox.hidden = false;
  }

  network.on("click", function (p) {
    if (p.nodes.length) { showInfo("n", p.nodes[0]); } else if (p.edges.length) { showInfo("e", p.edges[0]); } else {
      infoBox.hidden = true;
    }
  });

  // -- filters -------------------------------------------------------------------

  // The header's "large map: … not drawn" note stays while a type that started off is still off.
  var hiddenNote = document.getElementById("gk-hidden-note");
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    if (hiddenNote) {
      hiddenNote.hidden = data.types_off.every(function (t) { return typeOn[t]; });
    }
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

  function norm(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var DOCUMENTS = { Article: true, Statement: true };
  var searchKeys = data.nodes.map(function (n) {
    return { node: n, keys: [n.name, n.id].concat(n.aliases).map(norm) };
  });

  // Rank: exact name, alias or id first, then a word that starts with the query, then any substring;
  // at each rank people, states and other entities come before articles and statements (whose
  // titles and words mention everybody), then the better-connected node, usually the one meant.
  function search(query) {
    var q = norm(query);
    if (!q) { return []; }
    var hits = [];
    searchKeys.forEach(function (entry) {
      var best = 9;
      entry.keys.forEach(function (k) {
        var rank = k === q ? 0 : (k.startsWith(q) || k.indexOf(" " + q) >= 0 || k.indexOf("-" + q) >= 0) ? 1 :
          k.indexOf(q) >= 0 ? 2 : 9;
        if (rank < best) { best = rank; }
      });
      if (best < 9) { hits.push([best * 2 + (DOCUMENTS[entry.node.group] ? 1 : 0), entry.node]); }
    });
    hits.sort(function (a, b) {
      return a[0] - b[0] || b[1].degree - a[1].degree || a[1].name.localeCompare(b[1].name);
    });
    return hits.slice(0, 12).map(function (h) { return h[1]; });
  }

  function focusNode(id) {
    var n = nodeById.get(id);
    if (!n) { return false; }
    if (labelOn[n.group] === false) {
      labelOn[n.group] = true;
      document.querySelectorAll("#gk-legend input[data-label]").forEach(function (box) {
        if (box.dataset.label === n.group) { box.checked = true; }
      });
      refresh();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1),
                        animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    showInfo("n", id);
    return true;
  }

  var input = document.getElementById("gk-search-input");
  var list = document.getElementById("gk-search-results");
  var results = [];
  var active = 0;

  function drawResults() {
    list.replaceChildren();
    if (!input.value.trim()) { list.hidden = true; return; }
    if (!results.length) {
      list.appendChild(el("li", "no node matches", "gk-empty"));
    }
    results.forEach(function (n, i) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      var dot = el("i");
      dot.style.cssText = "display:inline-block;flex:0 0 auto;width:9px;height:9px;border-radius:50%";
      dot.style.background = data.labels[n.group] ? data.labels[n.group].color : "#999";
      li.appendChild(dot);
      li.appendChild(el("span", n.name));
      li.appendChild(el("span", n.group, "gk-meta"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = false;
  }

  function choose(i) {
    var n = results[i];
    if (!n) { return; }
    focusNode(n.id);
    list.hidden = true;
  }

  input.addEventListener("input", function () {
    results = search(input.value);
    active = 0;
    drawResults();
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (results.length) {
        active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
        drawResults();
      }
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      results = search(input.value);
      choose(Math.min(active, results.length - 1));
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      list.hidden = true;
    }
  });
  input.addEventListener("blur", function () { list.hidden = true; });
  input.addEventListener("focus", function () { if (results.length) { drawResults(); } });

  document.querySelectorAll("#gk-sources button[data-node]").forEach(function (b) {
    b.addEventListener("click", function () { focusNode(b.dataset.node); });
  });

  window.graphkit = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    data: data, search: search, focus: focusNode,
  };
}());
