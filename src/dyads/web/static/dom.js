// Helpers the page scripts share: elements whose text is set with textContent (never parsed as
// HTML), and a check that a link stays on this site.
window.dyadsDom = (function () {
  "use strict";
  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt !== undefined && txt !== null) e.textContent = String(txt);
    return e;
  }
  function localPath(p) {
    return typeof p === "string" && p.charAt(0) === "/" && p.charAt(1) !== "/" && p.charAt(1) !== "\\";
  }
  return { el: el, localPath: localPath };
})();
