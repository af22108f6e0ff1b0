// igf-archive search, the page: reads the query from the form and the
// address, asks search-engine.js and search-query.js (loaded just before)
// and shows the hits with their matched words marked. Runs from a web
// server or from disk.
(function () {
  "use strict";

  var engine = window.IGFSearch;
  var SHOWN = engine.SHOWN, CJK = engine.CJK, fold = engine.fold, Index = engine.Index, search = engine.search;
  // ---- The page ----

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Arabic words carry the article and some particles in front; the
  // stemmer took them off, so a matched term is looked for after them.
  var ARABIC_PREFIX = /^(\u0648\u0627\u0644|\u0628\u0627\u0644|\u0643\u0627\u0644|\u0641\u0627\u0644|\u0644\u0644|\u0627\u0644|[\u0648\u0641\u0628\u0643\u0644])/;

  // Whether a word of the text, folded, is one the query matched: it is a
  // matched term or starts with one (the term is a stem), also once an
  // Arabic prefix is taken off.
  function matches(folded, stems) {
    var bare = folded.replace(ARABIC_PREFIX, "");
    return stems.some(function (s) {
      return folded === s || bare === s || (s.length >= 3 && (folded.indexOf(s) === 0 || bare.indexOf(s) === 0));
    });
  }

  // Wraps the words of `text` that the query matched in <mark>; marks
  // that touch are one, so that a Chinese word shows as one.
  function highlight(text, result) {
    var stems = [], cjk = [];
    result.words.forEach(function (t) { if (t.cjk) cjk.push(t.text); else stems.push(t.text); });
    result.groups.forEach(function (terms) { terms.forEach(function (t) { if (!CJK.test(t) && t.length >= 3) stems.push(t); }); });
    text = String(text);
    var ranges = [];
    var word = /[\p{Alphabetic}\p{N}\p{M}]+/gu, m;
    while ((m = word.exec(text))) {
      if (!CJK.test(m[0]) && matches(fold(m[0]), stems)) ranges.push([m.index, m.index + m[0].length]);
    }
    cjk.forEach(function (piece) {
      for (var at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) ranges.push([at, at + piece.length]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var html = "", done = 0;
    for (var r = 0; r < ranges.length; r++) {
      var from = Math.max(ranges[r][0], done), to = ranges[r][1];
      while (r + 1 < ranges.length && ranges[r + 1][0] <= to) to = Math.max(to, ranges[++r][1]);
      if (to <= from) continue;
      html += escapeHtml(text.slice(done, from)) + "<mark>" + escapeHtml(text.slice(from, to)) + "</mark>";
      done = to;
    }
    return html + escapeHtml(text.slice(done));
  }

  // The filters' names: in the address and as `filter-<name>` menus.
  var FILTERS = ["year", "track", "type", "kind"];

  // On a narrow screen (style.css says which, by `--folded`) the filters
  // start folded, so that the first results are in view, unless the
  // address chose one. Done as the page is read, before it is first
  // drawn, so that nothing moves after.
  function foldFilters() {
    var box = document.getElementById("search-filters");
    if (!box || getComputedStyle(box).getPropertyValue("--folded").trim() !== "1") return;
    var params = new URLSearchParams(window.location.search);
    if (!FILTERS.some(function (name) { return params.get(name); })) box.open = false;
  }

  function start() {
    var app = document.getElementById("search-app");
    if (!app) return;
    var root = app.getAttribute("data-root");
    var lang = document.documentElement.lang;
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-query");
    var status = document.getElementById("search-status");
    var results = document.getElementById("search-results");
    var filters = FILTERS.map(function (name) { return document.getElementById("filter-" + name); });
    app.hidden = false;

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    filters.forEach(function (select) { if (select && params.get(select.name)) select.value = params.get(select.name); });

    var index = new Index(root, lang);
    var opened = index.open();
    var shown = SHOWN;
    var generation = 0;
    var labels;
    var lastHits = [];

    function keepUrl() {
      var query = new URLSearchParams();
      if (input.value) query.set("q", input.value);
      filters.forEach(function (s) { if (s && s.value) query.set(s.name, s.value); });
      var text = query.toString();
      try { history.replaceState(null, "", text ? "?" + text : window.location.pathname); } catch (e) { /* some browsers refuse it on file:// */ }
    }

    function matchesFilters(facet) {
      var chosen = {};
      filters.forEach(function (s) { if (s && s.value) chosen[s.name] = s.value; });
      return (!chosen.year || chosen.year === facet.year) &&
        (!chosen.track || facet.tracks.indexOf(chosen.track) >= 0) &&
        (!chosen.type || chosen.type === facet.type) &&
        (!chosen.kind || chosen.kind === facet.kind);
    }

    function showCounts(hits) {
      var counts = { year: {}, track: {}, type: {}, kind: {} };
      hits.forEach(function (h) {
        var f = index.facet(h.doc);
        counts.year[f.year] = (counts.year[f.year] || 0) + 1;
        counts.kind[f.kind] = (counts.kind[f.kind] || 0) + 1;
        if (f.type) counts.type[f.type] = (counts.type[f.type] || 0) + 1;
        f.tracks.forEach(function (t) { counts.track[t] = (counts.track[t] || 0) + 1; });
      });
      filters.forEach(function (select) {
        if (!select) return;
        Array.prototype.forEach.call(select.options, function (option) {
          if (!option.value) return;
          var label = option.getAttribute("data-label") || option.textContent;
          option.setAttribute("data-label", label);
          option.textContent = label + " (" + (counts[select.name][option.value] || 0) + ")";
        });
      });
    }

    function run() {
      var mine = ++generation;
      keepUrl();
      var query = input.value.trim();
      if (!query) { results.innerHTML = ""; status.textContent = ""; return Promise.resolve(); }
      var filtering = filters.some(function (s) { return s && s.value; });
      return opened.then(function () {
        labels = index.labels;
        return search(index, query, shown, filtering);
      }).then(function (result) {
        lastHits = result.hits;
        return (filtering || index.facetValues ? index.loadFacets() : Promise.resolve()).then(function () { return result; });
      }).then(function (result) {
        if (mine !== generation) return;
        var hits = result.hits;
        if (index.facetValues) {
          showCounts(hits);
          hits = hits.filter(function (h) { return matchesFilters(index.facet(h.doc)); });
        }
        return Promise.all(hits.slice(0, shown).map(function (h) { return index.meta(h.doc); })).then(function (metas) {
          if (mine !== generation) return;
          render(hits, metas, result);
        });
      }).catch(function (error) {
        status.textContent = String(error.message || error);
      });
    }

    function render(hits, metas, result) {
      var strings = labels.strings;
      var count = result.partial ? strings.at_least : strings.count;
      status.textContent = hits.length || result.partial ? count.replace("{count}", hits.length) : strings.none;
      var html = "<ol class=\"search-hits\">";
      metas.forEach(function (m, i) {
        var facet = { lang: m[2], kind: m[5], type: m[6], year: String(m[7]), tracks: m[8] };
        var other = facet.lang !== lang;
        var attrs = other ? " lang=\"" + escapeHtml(facet.lang) + "\" hreflang=\"" + escapeHtml(facet.lang) + "\"" : "";
        var meta = [labels.kinds[facet.kind]];
        if (facet.type) meta.push(labels.types[facet.kind === "output" ? "output:" + facet.type : facet.type] || facet.type);
        meta.push(facet.year);
        facet.tracks.forEach(function (t) { if (labels.tracks[t]) meta.push(labels.tracks[t]); });
        html += "<li class=\"hit\"><a href=\"" + escapeHtml(root + m[1]) + "\"" + attrs + ">" +
          (m[3] ? "<span class=\"code\">" + escapeHtml(m[3]) + "</span> " : "") + highlight(m[0], result) + "</a>" +
          (other ? " <span class=\"lang-badge\">" + escapeHtml(strings.only_in.replace("{language}", labels.languages[facet.lang] || facet.lang)) + "</span>" : "") +
          (m[9] ? " <span class=\"outdated-badge\">" + escapeHtml(strings.outdated) + "</span>" : "") +
          "<p class=\"meta\">" + meta.map(function (x) { return "<span>" + escapeHtml(x) + "</span>"; }).join("") + "</p>" +
          "<p class=\"excerpt\"" + attrs.replace(/ hreflang="[^"]*"/, "") + ">" + highlight(m[4], result) + "</p></li>";
      });
      html += "</ol>";
      if (hits.length > metas.length || result.partial) {
        var next = result.partial ? SHOWN : Math.min(SHOWN, hits.length - metas.length);
        html += "<p><button type=\"button\" class=\"more\">" + escapeHtml("+ " + next) + "</button></p>";
      }
      results.innerHTML = html;
      var more = results.querySelector("button.more");
      if (more) more.addEventListener("click", function () { shown += SHOWN; run(); });
    }

    var timer;
    input.addEventListener("input", function () {
      shown = SHOWN;
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    filters.forEach(function (s) {
      if (!s) return;
      s.addEventListener("change", function () { shown = SHOWN; run(); });
      // Counts per filter value need every document's values: fetched when
      // the reader turns to the filters, not for every query.
      s.addEventListener("focus", function () { index.loadFacets().then(function () { showCounts(lastHits); }); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

    // Arrow keys move between the box and the hits; Escape goes back.
    document.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(results.querySelectorAll(".hit > a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
        if (links[at + 1]) { links[at + 1].focus(); event.preventDefault(); }
      } else if (event.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : links[at - 1]).focus();
        event.preventDefault();
      } else if (event.key === "Escape" && at >= 0) {
        input.focus();
      }
    });

    IGFSearch.ready = run();
  }

  // Room for the results a query in the address will bring, kept before
  // what follows is laid out (this script comes right after them).
  var pending = document.getElementById("search-results");
  if (pending && /[?&]q=[^&]/.test(window.location.search)) pending.className = "searching";

  foldFilters();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
