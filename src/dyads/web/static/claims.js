// Sortable tables (click a column head; numbers sort as numbers, data-sort wins over the text)
// and the quick filter of the claims page, which hides the rows not holding its words.
(function () {
  "use strict";
  function key(td) {
    if (!td) return "";
    var v = td.dataset.sort !== undefined ? td.dataset.sort : td.textContent.trim();
    var n = Number(String(v).replace(/[,\s]/g, ""));
    return v !== "" && !isNaN(n) ? n : String(v).toLowerCase();
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return -1;
    if (typeof b === "number") return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, i) {
      th.setAttribute("tabindex", "0");
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length === heads.length; });
        rows.sort(function (a, b) { var c = compare(key(a.cells[i]), key(b.cells[i])); return asc ? c : -c; });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
  });
  var quick = document.getElementById("quick");
  if (quick) {
    quick.addEventListener("input", function () {
      var words = quick.value.toLowerCase().split(/\s+/).filter(Boolean);
      document.querySelectorAll("table.filterable tbody tr").forEach(function (tr) {
        var t = tr.textContent.toLowerCase();
        tr.classList.toggle("filtered-out", !words.every(function (w) { return t.indexOf(w) >= 0; }));
      });
    });
  }
})();
