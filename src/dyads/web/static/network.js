// The network page: draws the signed network with vis-network (served by this site), edges
// coloured by sign (green cooperative, red conflictual) with an arrow from the actor that acted,
// nodes by camp in a neutral palette that never uses the edges' green or red. The filter form re-fetches /api/network and redraws; the
// graph container's data-nodes / data-edges always hold what is drawn. Names are drawn on the
// canvas or set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var container = document.getElementById("graph");
  var dataEl = document.getElementById("graph-data");
  var form = document.getElementById("net-filters");
  var panel = document.getElementById("details");
  var status = document.getElementById("net-status");
  if (!container || !dataEl || typeof vis === "undefined") return;

  // the camp colours of style.css (.camp-N): no green, no red, which mean the ties' signs
  var CAMP = ["#2f5fb3", "#b7791f", "#7048c8", "#1b8ab5", "#d274b4", "#a1489b", "#c9a227", "#4b5563"];
  var SIGN = { "1": "#2e8540", "-1": "#c0392b", "0": "#9aa4ae" };
  var network = null;
  var current = null;

  var el = window.dyadsDom.el, localPath = window.dyadsDom.localPath;
  function setText(id, v) { var e = document.getElementById(id); if (e) e.textContent = String(v); }

  function visData(d) {
    var nodes = d.nodes.map(function (n) {
      var colour = n.camp >= 0 ? CAMP[n.camp % CAMP.length] : "#b8c0c8";
      return { id: n.id, label: n.label, value: Math.max(1, n.degree), shape: "dot",
               color: { background: colour, border: "#ffffff", highlight: { background: colour, border: "#1f2328" },
                        hover: { background: colour, border: "#1f2328" } },
               font: { color: "#1f2328", size: 13, strokeWidth: 3, strokeColor: "#ffffff" } };
    });
    var edges = d.edges.map(function (e) {
      var arrows = [e.by_from ? "to" : "", e.by_to ? "from" : ""].filter(Boolean).join(", ");
      return { id: e.id, from: e.from, to: e.to, value: e.weight, arrows: arrows,
               color: { color: SIGN[String(e.sign)] || SIGN["0"], opacity: 0.75, highlight: "#1f2328" },
               dashes: !!e.frustrated };
    });
    return { nodes: nodes, edges: edges };
  }

  function showNode(n) {
    panel.replaceChildren();
    var h = el("h3", null, n.label);
    h.appendChild(document.createTextNode(" "));
    h.appendChild(el("span", "type", n.type || ""));
    panel.appendChild(h);
    var dl = el("dl");
    var opp = (n.opposes || []).map(function (k) { return "camp " + k; }).join(", ");
    [["camp", n.camp >= 0 ? n.camp : "unaligned"], ["opposes", opp || "no camp"], ["ties", n.degree],
     ["articles", n.articles]].forEach(function (f) {
      dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1]));
    });
    panel.appendChild(dl);
    if (localPath(n.href)) {
      var a = el("a", null, "actor page →"); a.setAttribute("href", n.href); panel.appendChild(a);
    }
  }

  function showEdge(e) {
    panel.replaceChildren();
    panel.appendChild(el("h3", null, e.from_label + (e.by_to ? " ⇄ " : " → ") + e.to_label));
    var dl = el("dl");
    var cats = Object.keys(e.categories || {}).map(function (k) { return k + " " + e.categories[k]; }).join(", ");
    var voices = Object.keys(e.voices || {}).map(function (k) { return (k === "self" ? "a side's own" : k) + " " + e.voices[k]; }).join(", ");
    [["sign", e.sign > 0 ? "cooperative" : e.sign < 0 ? "conflictual" : "neither"], ["incidents", e.weight], ["reports (events)", e.reports],
     [e.from_label + " acted", e.by_from], [e.to_label + " acted", e.by_to],
     ["polarity", e.polarity], ["categories", cats], ["voices", voices], ["articles", e.articles],
     ["dates", (e.first || "?") + " – " + (e.last || "?")], ["against the camps", e.frustrated ? "yes" : "no"]]
      .forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
    panel.appendChild(dl);
    var p = el("p", "links");
    (e.evidence || []).forEach(function (ev) {
      if (!localPath(ev.href)) return;
      var a = el("a", null, ev.ref); a.setAttribute("href", ev.href); p.appendChild(a);
    });
    panel.appendChild(p);
  }

  function draw(d) {
    current = d;
    container.dataset.state = "drawing";
    container.dataset.nodes = String(d.nodes.length);
    container.dataset.edges = String(d.edges.length);
    var byId = {};
    d.nodes.forEach(function (n) { byId[n.id] = n; });
    var edgesById = {};
    d.edges.forEach(function (e) { edgesById[e.id] = e; });
    var options = {
      autoResize: true,
      layout: { randomSeed: 7 },  // the same network is drawn the same way each time
      nodes: { scaling: { min: 6, max: 30, label: { enabled: true, min: 11, max: 20 } } },
      edges: { scaling: { min: 1, max: 8 }, smooth: false },
      interaction: { hover: true, tooltipDelay: 100000, navigationButtons: false, keyboard: false },
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: d.nodes.length > 300 ? 120 : 250 },
                 forceAtlas2Based: { gravitationalConstant: -60, springLength: 110 } }
    };
    if (network) network.destroy();
    network = new vis.Network(container, visData(d), options);
    network.on("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      container.dataset.state = "ready";
    });
    if (d.nodes.length === 0) container.dataset.state = "ready";
    network.on("hoverNode", function (p) { if (byId[p.node]) showNode(byId[p.node]); });
    network.on("click", function (p) {
      if (p.nodes.length && byId[p.nodes[0]] && localPath(byId[p.nodes[0]].href)) {
        window.location.assign(byId[p.nodes[0]].href);
      } else if (p.edges.length && edgesById[p.edges[0]] !== undefined) {
        showEdge(edgesById[p.edges[0]]);
      }
    });
  }

  function opposes(list) {  // camp numbers, or the "against" strings of an unaligned actor
    var them = (list || []).map(function (k) { return typeof k === "number" ? "camp " + k : String(k); });
    return them.length ? " (opposes " + them.join(", ") + ")" : "";
  }

  function names(p, members) {
    members.slice(0, 30).forEach(function (m, i) {
      if (i) p.appendChild(document.createTextNode(", "));
      if (localPath(m.href)) { var a = el("a", null, m.name); a.setAttribute("href", m.href); p.appendChild(a); }
      else p.appendChild(document.createTextNode(m.name));
      if (m.against) p.appendChild(document.createTextNode(opposes(m.against)));
    });
    if (members.length > 30) p.appendChild(document.createTextNode(" … " + (members.length - 30) + " more"));
  }

  function camps(list, unaligned) {
    var box = document.getElementById("camps");
    var sw = document.getElementById("camp-swatches");
    if (sw) {
      sw.replaceChildren();
      list.slice(0, 8).forEach(function (c) {
        sw.appendChild(el("span", "sw camp-sw-" + (c.camp % 8)));
        sw.appendChild(document.createTextNode(" camp " + c.camp + " "));
      });
    }
    if (!box) return;
    box.replaceChildren();
    if (!list.length) box.appendChild(el("p", "hint", "No camps: no two actors on one side."));
    list.slice(0, 12).forEach(function (c) {
      var p = el("p", "camp camp-" + (c.camp % 8));
      p.appendChild(el("b", null, "Camp " + c.camp));
      p.appendChild(document.createTextNode(opposes(c.opposes) + ": "));
      names(p, c.members);
      box.appendChild(p);
    });
    if (list.length > 12) box.appendChild(el("p", "meta", (list.length - 12) + " more camps in smaller parts of the network."));
    var alone = (unaligned || []).filter(function (m) { return m.alone; });
    if (alone.length) {
      var p = el("p", "camp unaligned");
      p.appendChild(el("b", null, "Unaligned"));
      p.appendChild(document.createTextNode(", alone on their side: "));
      names(p, alone);
      box.appendChild(p);
    }
  }

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      v = String(v).trim();
      if (v && !(k === "min_weight" && v === "1")) params.append(k, v);
    });
    return params.toString();
  }

  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var qs = query();
      status.textContent = "loading…";
      container.dataset.state = "loading";
      fetch("/api/network" + (qs ? "?" + qs : ""), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (!res.ok) {
            status.textContent = (res.body.error && res.body.error.message) || "the filter failed";
            container.dataset.state = "error";
            return;
          }
          status.textContent = "";
          var d = res.body;
          setText("n-nodes", d.counts.nodes); setText("n-edges", d.counts.edges);
          setText("n-pos", d.counts.positive); setText("n-neg", d.counts.negative); setText("n-frus", d.frustration);
          camps(d.camps, d.unaligned);
          draw(d);
          history.replaceState(null, "", "/network" + (qs ? "?" + qs : ""));
        })
        .catch(function () { status.textContent = "the server did not answer"; container.dataset.state = "error"; });
    });
  }

  draw(JSON.parse(dataEl.textContent));
})();
