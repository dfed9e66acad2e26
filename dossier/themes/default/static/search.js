/* dossier default theme: the search page, on Pagefind's JS API (no stock UI).
   - the bundle path and the site's base path come from data-bundle-path and
     data-base-url, so the page works under a sub-path (GitHub Pages project sites);
   - ?q=...&dossier=...&entity=...&source=...&year=...&sort=date in the address runs that
     search on load, and the address follows the reader's query, filters and sort;
   - entities and dossiers whose name matches the query are listed first, labelled;
   - the other languages' indexes (pagefind-entry.json) are merged, so one search finds
     articles in every language; in `dossier serve`, a "recent" index of changed
     articles is merged too and the full index's stale entries are hidden;
   - a large site's index comes in shards, newest first, listed like languages
     (en, en-x-1, en-x-2 …). Merged, Pagefind orders results by score alone, and under
     a date sort a result's score is its rank in its own shard: a sort by date uses a
     second instance where shard n weighs 1e-4 to the n (indexWeight), so that every
     result of a newer shard comes first; the one result a shard scores 0 (its
     oldest page) is placed by the shard its data names. */
(function () {
  "use strict";
  var FILTERS = [
    { key: "dossier", label: "Dossier" },
    { key: "entity", label: "Entity" },
    { key: "source", label: "Source" },
    { key: "year", label: "Year" }
  ];
  var KINDS = { article: "Article", dossier: "Dossier", entity: "Entity" };
  var PAGE = 10;

  var root, input, sortSelect, statusEl, namedEl, listEl, moreBtn, filtersEl, groupsEl, clearBtn;
  var pagefind = null;
  var dated = null;          // the date sort's instance (a site in shards), made when first used
  var merged = [];           // the other indexes merged: [path, options]
  var bundlePath = "/pagefind/";
  var baseUrl = "/";
  var STEP = 1e-4;           // a shard's weight over the next one's (output/search.py)
  var stale = null;          // addresses whose full-index entries are out of date (serve)
  var state = { q: "", filters: {}, sort: "" };
  var totals = null;         // every filter value and its count, for the empty query
  var current = null;        // { results, shown }
  var generation = 0;
  var timer = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    state.q = (params.get("q") || "").trim();
    state.sort = params.get("sort") === "date" ? "date" : "";
    state.filters = {};
    FILTERS.forEach(function (f) {
      var values = params.getAll(f.key).filter(function (v) { return v.trim() !== ""; });
      if (values.length) { state.filters[f.key] = values; }
    });
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    FILTERS.forEach(function (f) {
      (state.filters[f.key] || []).forEach(function (v) { params.append(f.key, v); });
    });
    if (state.sort) { params.set("sort", state.sort); }
    var query = params.toString();
    var next = window.location.pathname + (query ? "?" + query : "");
    if (next !== window.location.pathname + window.location.search) {
      window.history.replaceState(null, "", next);
    }
  }

  function anyFilter() {
    return Object.keys(state.filters).length > 0;
  }

  function pagefindFilters(extra) {
    var out = {};
    Object.keys(state.filters).forEach(function (k) { out[k] = { any: state.filters[k] }; });
    Object.keys(extra || {}).forEach(function (k) { out[k] = extra[k]; });
    return out;
  }

  function fresh(data) {
    return !stale || !stale.has(data.url) || (data.meta && data.meta.recent);
  }

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function nameMatches(title, q) {
    var name = title.toLowerCase();
    return words(q).every(function (w) { return name.indexOf(w) !== -1; });
  }

  function resultItem(data) {
    var kind = (data.meta && data.meta.kind) || "article";
    var li = el("li", { "class": "search-result search-result--" + kind });
    var heading = el("h3", { "class": "search-result__title" });
    var link = el("a", { href: data.url }, (data.meta && data.meta.title) || data.url);
    heading.appendChild(link);
    var meta = el("p", { "class": "search-result__meta" });
    meta.appendChild(el("span", { "class": "search-result__kind" }, KINDS[kind] || kind));
    [data.meta.date, data.meta.source].forEach(function (part) {
      if (part) { meta.appendChild(document.createTextNode(" · " + part)); }
    });
    li.appendChild(heading);
    li.appendChild(meta);
    var summary = kind === "article" ? "" : (data.meta.summary || "");
    var excerpt = el("p", { "class": "search-result__excerpt" });
    if (summary && !state.q) {
      excerpt.textContent = summary;
    } else {
      excerpt.innerHTML = data.excerpt || "";   // Pagefind escapes it and adds <mark>
    }
    li.appendChild(excerpt);
    return li;
  }

  function renderFilters(counts) {
    groupsEl.textContent = "";
    FILTERS.forEach(function (f) {
      var values = counts[f.key] || {};
      var chosen = state.filters[f.key] || [];
      var names = Object.keys(values).filter(function (v) {
        return values[v] > 0 || chosen.indexOf(v) !== -1;
      });
      chosen.forEach(function (v) { if (names.indexOf(v) === -1) { names.push(v); } });
      if (!names.length) { return; }
      names.sort(f.key === "year"
        ? function (a, b) { return b.localeCompare(a); }
        : function (a, b) { return (values[b] || 0) - (values[a] || 0) || a.localeCompare(b); });
      var group = el("fieldset", { "class": "search-filter", "data-filter": f.key });
      group.appendChild(el("legend", { "class": "search-filter__name" }, f.label));
      var list = el("ul", { "class": "search-filter__values" });
      names.forEach(function (value, i) {
        var id = "filter-" + f.key + "-" + i;
        var item = el("li");
        var box = el("input", { type: "checkbox", id: id, value: value, "data-filter": f.key });
        box.checked = chosen.indexOf(value) !== -1;
        box.addEventListener("change", function () { toggle(f.key, value, box.checked); });
        var label = el("label", { "for": id });
        label.appendChild(document.createTextNode(value + " "));
        label.appendChild(el("span", { "class": "search-filter__count" }, "(" + (values[value] || 0) + ")"));
        item.appendChild(box);
        item.appendChild(label);
        list.appendChild(item);
      });
      group.appendChild(list);
      groupsEl.appendChild(group);
    });
    filtersEl.hidden = groupsEl.childElementCount === 0;
    clearBtn.hidden = !anyFilter();
  }

  function toggle(key, value, on) {
    var values = (state.filters[key] || []).filter(function (v) { return v !== value; });
    if (on) { values.push(value); }
    if (values.length) { state.filters[key] = values; } else { delete state.filters[key]; }
    run(true);
  }

  function datedInstance() {
    if (!dated) {
      // a query string of its own: a second module, so a second Pagefind
      dated = import(bundlePath + "pagefind.js?sort=date").then(function (module) {
        return module.options({ baseUrl: baseUrl }).then(function () {
          return Promise.all(merged.map(function (m) {
            var n = shardNumber(m[1].language);
            var options = Object.assign({}, m[1]);
            if (n) { options.indexWeight = Math.pow(STEP, n); }
            return module.mergeIndex(m[0], options);
          }));
        }).then(function () { return module.init(); })
          .then(function () { return module.filters(); })   // so that results count them
          .then(function () { return module; });
      });
    }
    return dated;
  }

  function shardNumber(key) {   // en-x-3 -> 3; en, ja, the recent index -> 0
    var found = /-x-(\d+)$/.exec(key || "");
    return found ? Number(found[1]) : 0;
  }

  function shardOf(score) {
    // shard n scores in [STEP^n, STEP^n * 1e4)
    return score >= 1 ? 0 : Math.max(0, Math.ceil(-Math.log10(score) / 4 - 1e-6));
  }

  // results sorted by date over the shards: each shard's oldest page scores 0 and
  // comes last; put it after the results of its shard
  function placeOldest(found) {
    var zeros = found.results.filter(function (r) { return r.score === 0; });
    if (!zeros.length) { return Promise.resolve(found); }
    return Promise.all(zeros.map(function (r) { return r.data(); })).then(function (data) {
      var placed = [];
      found.results.forEach(function (r, at) {
        if (r.score !== 0) { placed.push({ r: r, shard: shardOf(r.score), last: 0, at: at }); }
      });
      zeros.forEach(function (r, i) {
        var shard = Number((data[i].meta && data[i].meta.shard) || 0);
        placed.push({ r: r, shard: shard, last: 1, at: i });
      });
      // by shard, newest first; in a shard, its results as ranked, then its oldest
      placed.sort(function (a, b) { return a.shard - b.shard || a.last - b.last || a.at - b.at; });
      found.results = placed.map(function (p) { return p.r; });
      return found;
    });
  }

  function searchBy(q, options) {
    if (options.sort && merged.some(function (m) { return shardNumber(m[1].language) > 0; })) {
      return datedInstance().then(function (instance) {
        return instance.search(q, options);
      }).then(placeOldest, function () {
        dated = null;        // try again next time; this once, Pagefind's own merge
        return pagefind.search(q, options);
      });
    }
    return pagefind.search(q, options);
  }

  function loadPage(results, from, count) {
    return Promise.all(results.slice(from, from + count).map(function (r) { return r.data(); }));
  }

  function showMore() {
    if (!current) { return; }
    var gen = generation;
    var from = current.shown;
    loadPage(current.results, from, PAGE).then(function (page) {
      if (gen !== generation) { return; }
      page.forEach(function (data) {
        if (fresh(data) && !current.skip.has(data.url)) { listEl.appendChild(resultItem(data)); }
      });
      current.shown = from + PAGE;
      moreBtn.hidden = current.shown >= current.results.length;
    });
  }

  function run(now) {
    window.clearTimeout(timer);
    if (now) { search(); } else { timer = window.setTimeout(search, 200); }
  }

  function search() {
    writeAddress();
    var gen = ++generation;
    var q = state.q;
    if (!q && !anyFilter()) {
      namedEl.textContent = "";
      listEl.textContent = "";
      moreBtn.hidden = true;
      statusEl.textContent = "";
      current = null;
      if (totals) { renderFilters(totals); }
      return;
    }
    var options = { filters: pagefindFilters() };
    if (state.sort === "date") { options.sort = { date: "desc" }; }
    var main = searchBy(q || null, options);
    var named = q && !anyFilter()
      ? pagefind.search(q, { filters: { kind: { any: ["entity", "dossier"] } } })
      : Promise.resolve(null);
    Promise.all([main, named]).then(function (found) {
      if (gen !== generation) { return null; }
      var byName = found[1] ? found[1].results.slice(0, 5) : [];
      return Promise.all([loadPage(found[0].results, 0, PAGE),
                          Promise.all(byName.map(function (r) { return r.data(); }))])
        .then(function (pages) {
          if (gen !== generation) { return; }
          var first = pages[1].filter(function (d) {
            return fresh(d) && nameMatches((d.meta && d.meta.title) || "", q);
          });
          var skip = new Set(first.map(function (d) { return d.url; }));
          namedEl.textContent = "";
          first.forEach(function (d) { namedEl.appendChild(resultItem(d)); });
          listEl.textContent = "";
          pages[0].forEach(function (d) {
            if (fresh(d) && !skip.has(d.url)) { listEl.appendChild(resultItem(d)); }
          });
          current = { results: found[0].results, shown: PAGE, skip: skip };
          moreBtn.hidden = current.shown >= current.results.length;
          var n = found[0].results.length;
          var what = n === 1 ? "1 result" : n + " results";
          statusEl.textContent = q ? what + " for “" + q + "”" : what;
          renderFilters(found[0].filters || {});
        });
    });
  }

  function getJSON(url) {
    return window.fetch(url).then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  function start(bundle, base) {
    var lang = (document.documentElement.lang || "en").toLowerCase();
    bundlePath = bundle;
    baseUrl = base;
    return import(bundle + "pagefind.js").then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: base });
    }).then(function () {
      return Promise.all([getJSON(bundle + "pagefind-entry.json"), getJSON(bundle + "recent/changes.json")]);
    }).then(function (meta) {
      var merges = [];
      var languages = Object.keys((meta[0] && meta[0].languages) || {});
      var own = languages.indexOf(lang) !== -1 ? lang : languages[0];
      languages.forEach(function (other) {
        // "./": mergeIndex skips a path the primary index's starts with
        if (other !== own) { merged.push([bundle + "./", { language: other, baseUrl: base }]); }
      });
      if (meta[1] && (meta[1].replaced || []).length) {
        stale = new Set(meta[1].replaced.map(function (u) { return base.replace(/\/$/, "") + u; }));
      }
      if (meta[1] && meta[1].index) { merged.push([bundle + "recent/", { baseUrl: base }]); }
      merged.forEach(function (m) { merges.push(pagefind.mergeIndex(m[0], m[1])); });
      if (own && own !== lang) { merges.push(pagefind.options({ language: own })); }
      return Promise.all(merges);
    }).then(function () {
      return pagefind.init();
    }).then(function () {
      return pagefind.filters();
    }).then(function (all) {
      totals = all || {};
    });
  }

  function init() {
    root = document.getElementById("search");
    if (!root) { return; }
    input = document.getElementById("search-q");
    sortSelect = document.getElementById("search-sort");
    statusEl = document.getElementById("search-status");
    namedEl = document.getElementById("search-named");
    listEl = document.getElementById("search-list");
    moreBtn = document.getElementById("search-more");
    filtersEl = document.getElementById("search-filters");
    groupsEl = document.getElementById("search-filter-groups");
    clearBtn = document.getElementById("search-clear");
    readAddress();
    input.value = state.q;
    sortSelect.value = state.sort;
    input.focus();
    var form = input.form;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state.q = input.value.trim();
      run(true);
    });
    input.addEventListener("input", function () {
      state.q = input.value.trim();
      run(false);
    });
    sortSelect.addEventListener("change", function () {
      state.sort = sortSelect.value === "date" ? "date" : "";
      run(true);
    });
    clearBtn.addEventListener("click", function () {
      state.filters = {};
      run(true);
      input.focus();
    });
    moreBtn.addEventListener("click", showMore);
    statusEl.textContent = "Loading search…";
    start(root.getAttribute("data-bundle-path") || "/pagefind/",
          root.getAttribute("data-base-url") || "/").then(function () {
      statusEl.textContent = "";
      root.setAttribute("data-ready", "");
      search();
    }, function () {
      statusEl.textContent = "Search could not be loaded.";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
