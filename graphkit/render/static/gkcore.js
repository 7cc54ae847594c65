/* graphkit's map component, shared by the standalone map (map.js) and the explorer (explorer.js).
 *
 * Article text is untrusted, so nothing here puts graph data into HTML: node and edge labels are
 * drawn on a canvas by vis-network, and tooltips, panels and lists are DOM elements filled with
 * textContent. No innerHTML anywhere.
 */
(function () {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function button(text, cls, onClick) {
    var b = el("button", text, cls || "gk-link");
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function mix(hex, target, f) {
    var v = parseInt(hex.slice(1), 16);
    return "#" + [(v >> 16) & 255, (v >> 8) & 255, v & 255].map(function (c) {
      return Math.round(c + (target - c) * f).toString(16).padStart(2, "0");
    }).join("");
  }
  function lighten(hex, f) { return mix(hex, 255, f); }
  function darken(hex, f) { return mix(hex, 0, f); }

  var DOCUMENTS = { Article: true, Statement: true, Event: true };
  var PLUMBING = { MADE: true, ABOUT: true, REPORTED_BY: true, PARTICIPATED_IN: true, MENTIONED_IN: true };
  var FONT = "system-ui, -apple-system, 'Segoe UI', 'Liberation Sans', Arial, sans-serif";
  //: Labels are drawn at this size (px on screen at zoom 1) and only once they are at least LEGIBLE px
  //: on screen, so the labels of ordinary nodes appear as the viewer zooms in; the best-connected nodes
  //: ("hubs") get a font large enough to read at the overview's zoom, capped on screen at MAX_LABEL.
  var LABEL = 13;
  var LEGIBLE = 8;
  var MAX_LABEL = 20;
  var SMALL = 11;  // articles', statements' and events' labels
  //: a dense view's line labels are drawn only from this size on screen: at 1.6x zoom for their 10 px
  var DENSE_LABEL = 16;

  // -- vis items ---------------------------------------------------------------------------------

  function styleOf(data, label) { return data.labels[label] || { color: "#999999", shape: "dot" }; }

  function visNode(n, data) {
    var st = styleOf(data, n.group);
    var c = st.color;
    var small = DOCUMENTS[n.group] === true;
    var v = {
      id: n.id, label: n.label, shape: st.shape, size: n.size,
      color: {
        background: c, border: darken(c, 0.3),
        highlight: { background: lighten(c, 0.25), border: "#111111" },
        hover: { background: lighten(c, 0.15), border: darken(c, 0.45) },
      },
      font: { size: small ? SMALL : LABEL, color: small ? "#57606a" : "#1f2328", strokeWidth: 3, strokeColor: "#ffffff",
              face: FONT },
    };
    // A dense view's lines cross its labels: a pale box behind each keeps the name legible.
    if (data.merge) { v.font.background = "rgba(255,255,255,0.8)"; }
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }

  function visEdge(e, data) {
    var st = data.types[e.type] || { color: "#999999", dashes: false, directed: true };
    var v = {
      id: e.id, from: e.from, to: e.to,
      color: { color: st.color, highlight: darken(st.color, 0.25), hover: darken(st.color, 0.1),
               opacity: e.type === "MENTIONED_IN" ? 0.55 : 0.9 },
      width: Math.min(1.6 + Math.log2(e.count), 6),
      // Big maps: no arrowheads or dashes, which cost more to draw than the lines themselves;
      // the direction is in the info panel.
      dashes: st.dashes && !data.big,
      arrows: { to: { enabled: st.directed && !data.big, scaleFactor: 0.55 } },
    };
    if (!data.big) {
      v.label = e.type + (e.count > 1 ? " ×" + e.count : "");
      v.font = { size: 10, color: darken(st.color, 0.2), strokeWidth: 3, strokeColor: "#ffffff", align: "middle",
                 face: FONT };
      // The plumbing between entities and their statements, events and articles is told by the line's
      // colour and the panel; labelling it would bury the interactions' labels.
      if (PLUMBING[e.type]) { v.label = undefined; }
      if (e.bend) { v.smooth = { enabled: true, type: e.bend > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.bend) }; }
    }
    return v;
  }

  function options(data) {
    return {
      autoResize: true,
      layout: { improvedLayout: false, randomSeed: 7 },
      nodes: { borderWidth: 1.5, borderWidthSelected: 3, font: { face: FONT },
               scaling: { label: { drawThreshold: LEGIBLE, maxVisible: MAX_LABEL } } },
      edges: {
        smooth: data.big ? false : { enabled: true, type: "continuous", roundness: 0.5 },
        selectionWidth: 2, hoverWidth: 1, arrowStrikethrough: false,
        font: { size: 10 },
        // Edge labels, like node labels, only once legible; a dense view's only once zoomed well in.
        scaling: { label: { drawThreshold: data.merge ? DENSE_LABEL : LEGIBLE, maxVisible: 14 } },
      },
      // Positions computed in Python are the first frame, drawn at once: vis-network never runs its
      // stabilisation (400 iterations before anything is drawn). Physics, when on, moves the nodes
      // while visible; its forces keep about the layout's size (docs/maps.md).
      physics: {
        enabled: !!data.physics,
        solver: "forceAtlas2Based",
        forceAtlas2Based: {
          gravitationalConstant: -30 * Math.pow((data.spring || 100) / 100, 2), springLength: data.spring || 100,
          springConstant: 0.05, damping: 0.85, avoidOverlap: 0.6,
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
  }

  /* Give hubs (and nodes the viewer picked, ``_pinned``) a font that is legible at the current zoom and
   * no bigger; the rest keep a font that is drawn only once the viewer zooms in (drawThreshold). */
  function sizeLabels(network, nodes, items) {
    var scale = network.getScale() || 1;
    var hub = Math.max(LABEL, Math.ceil((LABEL + 1) / scale));
    var hubs = items.filter(function (n) { return n.hub || n._pinned; }).length;
    // When only some nodes are hubs, the others must not be legible yet at this zoom: their font shrinks
    // (never below 9 px) until it falls under the threshold here, and grows legible as the viewer zooms in.
    var rest = hubs < items.length ? Math.min(LABEL, Math.max(9, Math.floor((LEGIBLE - 1.2) / scale))) : LABEL;
    var updates = [];
    items.forEach(function (n) {
      // articles, statements and events: their small labels wait for the zoom that shows the others'
      var size = n._pinned || (n.hub && !DOCUMENTS[n.group]) ? hub : DOCUMENTS[n.group] ? Math.min(SMALL, rest) : rest;
      var first = DOCUMENTS[n.group] ? SMALL : LABEL;
      if (n._font !== size && !(n._font === undefined && size === first)) {
        n._font = size;
        updates.push({ id: n.id, font: { size: size } });
      }
    });
    if (updates.length) { nodes.update(updates); }
  }

  /* sizeLabels again whenever a zoom or an animation ends: a hub's overview font would be huge once
   * zoomed in. ``items()`` gives the nodes in view. */
  function trackLabels(network, nodes, items) {
    var pending = null;
    function again() {
      clearTimeout(pending);
      pending = setTimeout(function () { sizeLabels(network, nodes, items()); }, 150);
    }
    network.on("zoom", again);
    network.on("animationFinished", again);
  }

  // -- text for tooltips and panels ---------------------------------------------------------------

  function articleText(data, id) {
    var a = data.articles[id];
    if (!a) { return "an article not in this map"; }
    var meta = [a.source, a.published].filter(Boolean).join(", ");
    return (a.title || "untitled article") + (meta ? " (" + meta + ")" : "");
  }

  function addRow(dl, term, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) { return; }
    dl.appendChild(el("dt", term));
    dl.appendChild(el("dd", Array.isArray(value) ? value.join(", ") : value));
  }

  function kindLine(data, n) {
    var kind = el("p", null, "gk-kind");
    var dot = el("i");
    dot.style.background = styleOf(data, n.group).color;
    kind.appendChild(dot);
    kind.appendChild(document.createTextNode(n.group + (n.kind ? " · " + n.kind : "")));
    return kind;
  }

  /* The tooltip: one line of who or what it is; everything else is in the panel a click opens. */
  function tipNode(data, n) {
    var box = el("div", null, "gk-tip");
    box.appendChild(el("h4", n.name));
    var line = kindLine(data, n);
    line.appendChild(document.createTextNode(" · " + n.degree + " connection" + (n.degree === 1 ? "" : "s")));
    box.appendChild(line);
    box.appendChild(el("p", "click for details", "gk-more"));
    return box;
  }

  function tipEdge(data, e, nameOf) {
    var box = el("div", null, "gk-tip");
    var directed = data.types[e.type] ? data.types[e.type].directed : true;
    box.appendChild(el("h4", e.type + (e.count > 1 ? " · " + e.count + " times" : "")));
    box.appendChild(el("p", nameOf(e.from) + (directed ? " → " : " — ") + nameOf(e.to), "gk-kind"));
    box.appendChild(el("p", "click for the evidence", "gk-more"));
    return box;
  }

  /* ctx: {data, nameOf(id), pick(id) (select a node), connections(n) -> [{type, out, others: [{id, name}], total}],
   *       readArticle(ev) (optional: open the article at the sentence)} */
  function panelNode(ctx, n) {
    var data = ctx.data;
    var box = el("div", null, "gk-tip");
    box.appendChild(el("h4", n.name));
    box.appendChild(kindLine(data, n));
    if (n.text) {
      box.appendChild(el("blockquote", n.quoted ? "“" + n.text + "”" : n.text));
    }
    var dl = el("dl");
    addRow(dl, "aliases", n.aliases);
    addRow(dl, "titles", n.titles);
    (n.props || []).forEach(function (kv) { addRow(dl, kv[0], kv[1]); });
    if (n.articles) { addRow(dl, "articles", String(n.articles)); }
    box.appendChild(dl);
    var groups = ctx.connections(n);
    if (groups.length) {
      box.appendChild(el("h5", "Connections"));
      var list = el("ul", null, "gk-conn");
      groups.forEach(function (g) {
        var li = el("li");
        var head = el("span", (g.out ? g.type + " →" : "← " + g.type) + " " + g.total, "gk-conn-type");
        li.appendChild(head);
        var others = el("span", null, "gk-others");
        g.others.forEach(function (o) {
          others.appendChild(button(o.name, "gk-link", function () { ctx.pick(o.id); }));
        });
        if (g.total > g.others.length) { others.appendChild(el("span", "+ " + (g.total - g.others.length) + " more", "gk-meta")); }
        li.appendChild(others);
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    return box;
  }

  /* The evidence of edge ``e`` into ``box``: each sentence with its article (and "read the article" where
   * the page can open it); the first ``first``, then a button for the rest. */
  function addEvidence(ctx, box, e, first) {
    function one(ev) {
      if (ev[1]) { box.appendChild(el("blockquote", ev[1])); }
      var src = el("p", ev[0] ? articleText(ctx.data, ev[0]) : "", "gk-src");
      if (ctx.readArticle && ev[0]) {
        src.appendChild(document.createTextNode(" "));
        src.appendChild(button("read the article", "gk-link gk-read", function () { ctx.readArticle(ev); }));
      }
      box.appendChild(src);
    }
    e.evidence.slice(0, first).forEach(one);
    var rest = e.evidence.slice(first);
    if (rest.length) {
      var more = button("+ " + rest.length + " more sentence" + (rest.length === 1 ? "" : "s"), "gk-link gk-more-evidence",
        function () { more.remove(); rest.forEach(one); });
      box.appendChild(more);
    }
  }

  function panelEdge(ctx, e) {
    var data = ctx.data;
    var box = el("div", null, "gk-tip");
    var directed = data.types[e.type] ? data.types[e.type].directed : true;
    box.appendChild(el("h4", e.type));
    var ends = el("p", null, "gk-kind");
    ends.appendChild(button(ctx.nameOf(e.from), "gk-link", function () { ctx.pick(e.from); }));
    ends.appendChild(document.createTextNode(directed ? " → " : " — "));
    ends.appendChild(button(ctx.nameOf(e.to), "gk-link", function () { ctx.pick(e.to); }));
    box.appendChild(ends);
    if (e.count > 1) { box.appendChild(el("p", "seen " + e.count + " times", "gk-meta")); }
    addEvidence(ctx, box, e, 12);
    var dl = el("dl");
    (e.props || []).forEach(function (kv) { addRow(dl, kv[0], kv[1]); });
    box.appendChild(dl);
    return box;
  }

  /* Connections of a node from the edges at hand, grouped by type and direction, biggest first. */
  function localConnections(edges, nameOf, id, cap) {
    var groups = new Map();
    edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      var out = e.from === id;
      var key = e.type + (out ? ">" : "<");
      if (!groups.has(key)) { groups.set(key, { type: e.type, out: out, others: [], total: 0 }); }
      var g = groups.get(key);
      g.total += 1;
      if (g.others.length < (cap || 12)) { g.others.push({ id: out ? e.to : e.from, name: nameOf(out ? e.to : e.from) }); }
    });
    // who it deals with first; the plumbing (statements made, articles mentioning it) after
    return Array.from(groups.values()).sort(function (a, b) {
      return (PLUMBING[a.type] ? 1 : 0) - (PLUMBING[b.type] ? 1 : 0) || b.total - a.total || a.type.localeCompare(b.type);
    });
  }


  // -- one line per pair: dense actors views --------------------------------------------------------
  // A dense actors view (graph_data's ``merge``) draws one line per pair of nodes, every type between them
  // merged, as wide as the facts behind it are many, in the colour of the type holding more than half of
  // those facts (grey when none does); at first only the strongest lines. Its panel lists each type.

  var MIXED = "#8c959f";

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function pairId(a, b) { return "pair:" + JSON.stringify(a < b ? [a, b] : [b, a]); }
  function isPair(id) { return typeof id === "string" && id.lastIndexOf("pair:", 0) === 0; }

  /* ``edges`` (graph_data's, filters applied) as pair lines, by id: ``count`` the facts behind the line (the
   * edges' counts summed), ``parts`` its edges (most facts first), ``types`` facts per type, ``type`` the
   * type holding more than half of them or null. */
  function mergePairs(edges) {
    var byId = new Map();
    edges.forEach(function (e) {
      var id = pairId(e.from, e.to);
      var p = byId.get(id);
      if (!p) {
        var first = e.from < e.to;
        p = { id: id, from: first ? e.from : e.to, to: first ? e.to : e.from, count: 0, parts: [], types: {} };
        byId.set(id, p);
      }
      p.count += e.count;
      p.parts.push(e);
      p.types[e.type] = (p.types[e.type] || 0) + e.count;
    });
    byId.forEach(function (p) {
      p.parts.sort(function (x, y) { return y.count - x.count || cmp(x.type, y.type) || cmp(x.from, y.from); });
      p.order = Object.keys(p.types).sort(function (x, y) { return p.types[y] - p.types[x] || cmp(x, y); });
      p.type = p.types[p.order[0]] * 2 > p.count ? p.order[0] : null;
    });
    return byId;
  }

  /* Strongest first: more facts, then more types, then by the ends' ids (so the choice is stable). */
  function stronger(p, q) {
    return q.count - p.count || q.order.length - p.order.length || cmp(p.from, q.from) || cmp(p.to, q.to);
  }

  /* The ids of the pair lines an overview draws: the ``cap`` strongest, each node's strongest (so no node
   * floats alone) and every line of the nodes in ``keep`` (the node clicked, those expanded). */
  function overviewPairs(pairs, cap, keep) {
    var ranked = Array.from(pairs.values()).sort(stronger);
    var placed = new Set();
    var shown = new Set();
    ranked.forEach(function (p, i) {
      if (i < cap || !placed.has(p.from) || !placed.has(p.to) || keep.has(p.from) || keep.has(p.to)) { shown.add(p.id); }
      placed.add(p.from);
      placed.add(p.to);
    });
    return shown;
  }

  function pairLabel(p) {
    if (p.order.length === 1) { return p.order[0] + (p.count > 1 ? " ×" + p.count : ""); }
    return p.order.slice(0, 2).map(function (t) { return t + " " + p.types[t]; }).join(" · ") +
      (p.order.length > 2 ? " · +" + (p.order.length - 2) : "");
  }

  function pairColor(data, p) { return p.type && data.types[p.type] ? data.types[p.type].color : MIXED; }

  function visPair(p, data) {
    var color = pairColor(data, p);
    var single = p.parts.length === 1 ? p.parts[0] : null;  // one type, one way: its arrow, as its own line had
    var st = single ? data.types[single.type] || {} : {};
    var v = {
      id: p.id, from: single ? single.from : p.from, to: single ? single.to : p.to,
      color: { color: color, highlight: darken(color, 0.25), hover: darken(color, 0.1), opacity: 0.85 },
      width: Math.min(1.2 + 1.5 * Math.log2(p.count), 10),
      smooth: false, dashes: false,
      arrows: { to: { enabled: !!(single && st.directed) && !data.big, scaleFactor: 0.55 } },
    };
    if (!data.big) {
      v.label = pairLabel(p);
      v.font = { size: 10, color: darken(color, 0.2), strokeWidth: 3, strokeColor: "#ffffff", align: "middle", face: FONT };
    }
    return v;
  }

  function tipPair(data, p, nameOf) {
    var box = el("div", null, "gk-tip");
    box.appendChild(el("h4", nameOf(p.from) + " — " + nameOf(p.to)));
    box.appendChild(el("p", p.count + " fact" + (p.count === 1 ? "" : "s") + ": " +
      p.order.map(function (t) { return t + " " + p.types[t]; }).join(", "), "gk-kind"));
    box.appendChild(el("p", "click for the evidence", "gk-more"));
    return box;
  }

  /* A pair line's panel: its two ends, then each of its edges (type, direction, how often) with its evidence. */
  function panelPair(ctx, p) {
    var data = ctx.data;
    var box = el("div", null, "gk-tip gk-pair");
    var head = el("h4");
    head.appendChild(button(ctx.nameOf(p.from), "gk-link", function () { ctx.pick(p.from); }));
    head.appendChild(document.createTextNode(" — "));
    head.appendChild(button(ctx.nameOf(p.to), "gk-link", function () { ctx.pick(p.to); }));
    box.appendChild(head);
    box.appendChild(el("p", p.count + " fact" + (p.count === 1 ? "" : "s") + " in " + p.order.length + " type" +
      (p.order.length === 1 ? "" : "s") + ": " + p.order.map(function (t) { return t + " " + p.types[t]; }).join(", "),
      "gk-meta"));
    p.parts.forEach(function (e) {
      var directed = data.types[e.type] ? data.types[e.type].directed : true;
      var part = el("section", null, "gk-part");
      part.dataset.type = e.type;
      var title = el("h5");
      var sw = el("i", null, "gk-swatch");
      sw.style.background = (data.types[e.type] || {}).color || MIXED;
      title.appendChild(sw);
      title.appendChild(document.createTextNode(" " + e.type + " " + e.count));
      part.appendChild(title);
      part.appendChild(el("p", ctx.nameOf(e.from) + (directed ? " → " : " — ") + ctx.nameOf(e.to), "gk-kind"));
      addEvidence(ctx, part, e, 3);
      box.appendChild(part);
    });
    return box;
  }

  /* The legend's key to a merged view's lines. */
  function mergeKey() {
    var p = el("p", null, "gk-merge-key");
    var sw = el("i", null, "gk-line-swatch");
    sw.style.background = MIXED;
    p.appendChild(sw);
    p.appendChild(document.createTextNode("one line per pair: the wider, the more facts; in the colour of the type " +
      "of most of them, grey when mixed. Click a line for each type."));
    return p;
  }

  /* The pair lines of a view, kept in ``dataset`` (vis-network's edges) in step with ``records()`` (the
   * per-type edges the filters let through). ``on`` says whether the view merges at all (the page draws the
   * per-type edges otherwise), ``all`` whether every line is drawn or the overview's, ``keep`` the nodes
   * whose lines are all drawn. ``note`` (an element in the header) says how many are hidden, with the
   * button that shows them; ``decorate(v)`` adds what the page puts on each vis item (its tooltip). */
  function pairView(dataset, data, records, note, decorate) {
    var view = { on: false, all: false, keep: new Set(), pairs: new Map(), drawn: new Map() };

    function signature(p) { return p.parts.map(function (e) { return e.id + ":" + e.count; }).join(","); }

    view.sync = function () {
      var pairs = view.on ? mergePairs(records()) : new Map();
      var shown = view.all ? new Set(pairs.keys()) : overviewPairs(pairs, data.overview_lines, view.keep);
      var gone = [];
      view.drawn.forEach(function (sig, id) { if (!shown.has(id)) { gone.push(id); } });
      var items = [];
      var drawn = new Map();
      shown.forEach(function (id) {
        var p = pairs.get(id);
        var sig = signature(p);
        drawn.set(id, sig);
        if (view.drawn.get(id) !== sig) {
          var v = visPair(p, data);
          if (decorate) { decorate(v); }
          items.push(v);
        }
      });
      if (gone.length) { dataset.remove(gone); }
      if (items.length) { dataset.update(items); }
      view.pairs = pairs;
      view.drawn = drawn;
      drawNote();
    };

    view.hidden = function () { return view.pairs.size - view.drawn.size; };

    function drawNote() {
      if (!note) { return; }
      note.replaceChildren();
      var hidden = view.hidden();
      note.hidden = !view.on || (!hidden && !view.all) || (view.all && view.pairs.size <= data.overview_lines);
      if (note.hidden) { return; }
      var n = function (x) { return x.toLocaleString("en"); };
      if (hidden) {
        note.appendChild(document.createTextNode("· " + n(hidden) + " weaker link" + (hidden === 1 ? "" : "s") + " hidden — "));
        note.appendChild(button("show all", "gk-link gk-lines-all", function () { view.all = true; view.sync(); }));
      } else {
        note.appendChild(document.createTextNode("· all " + n(view.pairs.size) + " links drawn — "));
        note.appendChild(button("strongest only", "gk-link gk-lines-all", function () { view.all = false; view.sync(); }));
      }
    }

    return view;
  }

  // -- search ------------------------------------------------------------------------------------

  function norm(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  // Rank: exact name or alias first, then a word that starts with the query, then any substring;
  // at each rank entities come before articles, statements and events (whose titles and words mention
  // everybody), then the better-connected node, usually the one meant.
  function searchNodes(items, query, limit) {
    var q = norm(query);
    if (!q) { return []; }
    var hits = [];
    items.forEach(function (n) {
      var keys = n._keys || (n._keys = [n.name].concat(n.aliases || []).map(norm));
      var best = 9;
      keys.forEach(function (k) {
        var rank = k === q ? 0 : (k.startsWith(q) || k.indexOf(" " + q) >= 0 || k.indexOf("-" + q) >= 0) ? 1 :
          k.indexOf(q) >= 0 ? 2 : 9;
        if (rank < best) { best = rank; }
      });
      if (n.id === query) { best = 0; }
      if (best < 9) { hits.push([best * 2 + (DOCUMENTS[n.group] ? 1 : 0), n]); }
    });
    hits.sort(function (a, b) {
      return a[0] - b[0] || b[1].degree - a[1].degree || a[1].name.localeCompare(b[1].name);
    });
    return hits.slice(0, limit || 12).map(function (h) { return h[1]; });
  }

  /* The search box with its list of suggestions, for the map (which searches its own nodes) and the
   * explorer (which asks the server). opts:
   *   find(query) -> items, or a Promise of them; an answer that comes after a newer question is dropped
   *   describe(item) -> {name, meta, color}: what a line of the list shows
   *   choose(item): what picking a line (click, or Enter on the highlighted one) does
   *   delay: ms to wait after a keystroke before asking (the explorer's server; the map asks at once)
   * Arrow keys move the highlight, Escape or leaving the box closes the list. */
  function suggestions(input, list, opts) {
    var results = [];
    var active = 0;
    var pending = null;
    var asked = 0;

    function draw() {
      list.replaceChildren();
      if (!input.value.trim()) { list.hidden = true; return; }
      if (!results.length) { list.appendChild(el("li", "no node matches", "gk-empty")); }
      results.forEach(function (item, i) {
        var d = opts.describe(item);
        var li = el("li");
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        var dot = el("i", null, "gk-dot");
        dot.style.background = d.color || "#999999";
        li.appendChild(dot);
        li.appendChild(el("span", d.name));
        li.appendChild(el("span", d.meta, "gk-meta"));
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
    }

    function lookup() {
      var ticket = ++asked;
      return Promise.resolve(opts.find(input.value)).then(function (found) {
        if (ticket === asked) { results = found || []; active = 0; draw(); }
        return results;
      });
    }

    function choose(i) {
      var item = results[i];
      if (!item) { return; }
      list.hidden = true;
      opts.choose(item);
    }

    function quiet(promise) { promise.catch(function () { return null; }); }

    input.addEventListener("input", function () {
      clearTimeout(pending);
      if (!opts.delay) { quiet(lookup()); return; }
      pending = setTimeout(function () { quiet(lookup()); }, opts.delay);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (results.length) {
          active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
          draw();
        }
        ev.preventDefault();
      } else if (ev.key === "Enter") {
        clearTimeout(pending);
        var keep = active;
        quiet(lookup().then(function () { choose(Math.min(keep, results.length - 1)); }));
        ev.preventDefault();
      } else if (ev.key === "Escape") {
        list.hidden = true;
      }
    });
    input.addEventListener("blur", function () { list.hidden = true; });
    input.addEventListener("focus", function () { if (results.length) { draw(); } });
  }

  window.GK = {
    el: el, button: button, lighten: lighten, darken: darken, DOCUMENTS: DOCUMENTS,
    DENSE_LABEL: DENSE_LABEL, visNode: visNode, visEdge: visEdge, options: options, sizeLabels: sizeLabels, trackLabels: trackLabels,
    tipNode: tipNode, tipEdge: tipEdge, panelNode: panelNode, panelEdge: panelEdge,
    localConnections: localConnections, articleText: articleText, searchNodes: searchNodes, norm: norm,
    suggestions: suggestions, isPair: isPair, mergePairs: mergePairs, overviewPairs: overviewPairs,
    pairView: pairView, tipPair: tipPair, panelPair: panelPair, mergeKey: mergeKey,
  };
}());
