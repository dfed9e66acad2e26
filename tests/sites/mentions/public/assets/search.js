/* dossier default theme: mounts Pagefind's default UI on #search.
   The bundle path comes from data-bundle-path (it honours the site's base path).
   ?q=...&dossier=...&entity=...&source=...&year=... in the address runs that search on load. */
(function () {
  "use strict";
  var FILTERS = ["dossier", "entity", "source", "year"];

  function labelInput(el) {
    var input = el.querySelector(".pagefind-ui__search-input");
    if (input) {
      input.setAttribute("aria-label", el.getAttribute("data-label") || "Search this site");
      return true;
    }
    return false;
  }

  function init() {
    var el = document.getElementById("search");
    if (!el || typeof window.PagefindUI !== "function") {
      return;
    }
    var params = new URLSearchParams(window.location.search);
    var q = (params.get("q") || "").trim();
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: el.getAttribute("data-bundle-path") || "/pagefind/",
      showImages: false,
      showSubResults: true,
      autofocus: true
    });

    if (!labelInput(el) && "MutationObserver" in window) {
      var observer = new MutationObserver(function () {
        if (labelInput(el)) {
          observer.disconnect();
        }
      });
      observer.observe(el, { childList: true, subtree: true });
    }

    var filters = {};
    var any = false;
    FILTERS.forEach(function (name) {
      var values = params.getAll(name).filter(function (v) { return v.trim() !== ""; });
      if (values.length) {
        filters[name] = values;
        any = true;
      }
    });
    if (any && typeof ui.triggerFilters === "function") {
      ui.triggerFilters(filters);
    }
    if (q) {
      ui.triggerSearch(q);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
