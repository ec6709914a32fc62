// The article page: hovering, focusing or clicking a highlight shows what each item under it is
// and whose voice asserts it. Data comes from the JSON block the server wrote; every text goes
// into the page with textContent, and links only to paths of this site.
(function () {
  "use strict";
  var dataEl = document.getElementById("items-data");
  var text = document.getElementById("text");
  var panel = document.getElementById("details");
  if (!dataEl || !text || !panel) return;
  var items = JSON.parse(dataEl.textContent);
  var KIND = { actor: "actor", quote: "quote", event: "event", quantity: "number", place: "place" };
  var pinned = null;

  var el = window.dyadsDom.el, localPath = window.dyadsDom.localPath;

  // the refs of a highlight and of every highlight around it, innermost first
  function refsAt(node) {
    var out = [];
    for (var n = node; n && n !== text; n = n.parentElement) {
      if (n.dataset && n.dataset.refs) {
        n.dataset.refs.split(" ").forEach(function (r) { if (r && out.indexOf(r) < 0) out.push(r); });
      }
    }
    return out;
  }

  function card(ref) {
    var it = items[ref];
    if (!it) return null;
    var c = el("div", "card");
    var h = el("h3");
    h.appendChild(el("span", "kind " + it.kind, KIND[it.kind] || it.kind));
    h.appendChild(document.createTextNode(it.title || ref));
    c.appendChild(h);
    var v = el("p", "voice-line");
    v.appendChild(el("span", "meta", "voice: "));
    v.appendChild(el("span", it.voice === "article" ? "voice own" : "voice claimed", it.voice));
    c.appendChild(v);
    if (it.fields && it.fields.length) {
      var dl = el("dl");
      it.fields.forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
      c.appendChild(dl);
    }
    if (it.links && it.links.length) {
      var p = el("p", "links");
      it.links.forEach(function (l) {
        if (!localPath(l[1])) return;
        var a = el("a", null, l[0] + " →");
        a.setAttribute("href", l[1]);
        p.appendChild(a);
      });
      c.appendChild(p);
    }
    return c;
  }

  function show(refs) {
    panel.replaceChildren();
    var any = false;
    refs.forEach(function (r) { var c = card(r); if (c) { panel.appendChild(c); any = true; } });
    if (!any) panel.appendChild(el("p", "hint", "Nothing selected."));
  }

  function light(refs, on) {
    refs.forEach(function (r) {
      text.querySelectorAll('.hl[data-refs~="' + CSS.escape(r) + '"]').forEach(function (s) { s.classList.toggle("lit", on); });
    });
  }

  text.addEventListener("mouseover", function (e) {
    if (pinned) return;
    var h = e.target.closest(".hl");
    if (h) show(refsAt(h));
  });
  text.addEventListener("focusin", function (e) {
    var h = e.target.closest(".hl");
    if (h && !pinned) show(refsAt(h));
  });
  text.addEventListener("click", function (e) {
    var h = e.target.closest(".hl");
    if (pinned) pinned.classList.remove("active");
    if (!h || h === pinned) { pinned = null; panel.classList.remove("pinned"); return; }
    pinned = h;
    h.classList.add("active");
    panel.classList.add("pinned");
    show(refsAt(h));
  });
  text.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.classList.contains("hl")) {
      e.preventDefault();
      e.target.click();
    }
  });

  // the lists beside the text light up their items in it
  document.querySelectorAll(".doc-side [data-ref]").forEach(function (li) {
    var r = li.dataset.ref.split(" ");  // a relation lights all its events
    li.addEventListener("mouseenter", function () { light(r, true); if (!pinned) show(r); });
    li.addEventListener("mouseleave", function () { light(r, false); });
  });

  // the legend hides or shows a kind of highlight
  document.querySelectorAll("#legend input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.dataset.kind, !box.checked);
      if (box.dataset.kind === "actor") text.classList.toggle("hide-speaker", !box.checked);
    });
  });
  text.dataset.ready = "1";
})();
