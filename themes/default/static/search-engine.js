// igf-archive search, the index: text analysis and reading the index's
// files (search-query.js matches and ranks; search.js is the page). Runs
// in the reader's browser, from a web server or straight from disk. The
// index is split into small scripts that call IGFSearch.* when they load;
// they are added with <script> tags, never fetched, so the page works from
// file:// and requests nothing from outside. The text analysis here
// mirrors src/analysis/analyze.rs; tests/search-vectors.json checks it.
(function () {
  "use strict";

  var registry = { index: null, labels: {}, shard: {}, positions: {}, meta: {}, facets: null };
  var loading = {};

  // ---- Text analysis (same steps as src/analysis/analyze.rs) ----

  var MARK = /\p{M}/gu;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var CJK = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\u{20000}-\u{2FA1F}]/u;

  function fold(text) {
    return text
      .normalize("NFKD")
      .toLowerCase()
      .replace(MARK, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0629/g, "\u0647")
      .replace(/\u0649/g, "\u064A")
      .replace(/\u0624/g, "\u0648")
      .replace(/\u0626/g, "\u064A")
      .replace(/\u0640/g, "")
      .replace(/[\u0660-\u0669]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0x0660 + 48); })
      .replace(/[\u06F0-\u06F9]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0x06F0 + 48); });
  }

  // Words of folded text; a run of CJK characters becomes its characters
  // and overlapping bigrams. Each token: {text, cjk, run} where `run`
  // numbers the CJK run it came from.
  function tokens(folded) {
    var out = [];
    var runs = folded.match(WORD) || [];
    runs.forEach(function (run, r) {
      var chars = Array.from(run);
      var i = 0;
      while (i < chars.length) {
        var cjk = CJK.test(chars[i]);
        var j = i;
        while (j < chars.length && CJK.test(chars[j]) === cjk) j++;
        if (cjk) {
          for (var k = i; k < j; k++) {
            out.push({ text: chars[k], cjk: true, run: r + ":" + i });
            if (k + 1 < j) out.push({ text: chars[k] + chars[k + 1], cjk: true, run: r + ":" + i });
          }
        } else {
          out.push({ text: chars.slice(i, j).join(""), cjk: false });
        }
        i = j;
      }
    });
    return out;
  }

  function analyze(text) {
    return tokens(fold(text)).map(function (t) { return t.text; });
  }

  // ---- Loading the index's scripts ----

  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("cannot load " + src)); };
        document.head.appendChild(script);
      });
    }
    return loading[src];
  }

  // One index serves every language's page. Its documents are numbered by
  // language: each language's originals, then its translations. A reader
  // sees their language's range, and elsewhere the originals that their
  // language has no version of.
  function Index(root, lang) {
    this.base = root + "search/";
    this.lang = lang;
  }

  Index.prototype.open = function () {
    var self = this;
    // The search page reads both with itself; elsewhere they load now.
    var head = registry.index ? Promise.resolve() : load(this.base + "index.js");
    var labels = registry.labels[this.lang] ? Promise.resolve() : load(this.base + "l-" + this.lang + ".js");
    return Promise.all([head, labels]).then(function () {
      self.info = registry.index;
      self.labels = registry.labels[self.lang];
      self.own = [0, 0];
      self.otherTranslations = [];
      var start = 0;
      self.info.groups.forEach(function (group) {
        var size = group[1] + group[2];
        if (group[0] === self.lang) self.own = [start, start + size];
        else self.otherTranslations.push([start + group[1], start + size]);
        start += size;
      });
      self.hidden = {};
      var doc = 0;
      decodeNumbers(self.labels.hidden).forEach(function (gap) { doc += gap; self.hidden[doc] = true; });
      return self;
    });
  };

  Index.prototype.isOwn = function (doc) {
    return doc >= this.own[0] && doc < this.own[1];
  };

  Index.prototype.visible = function (doc) {
    if (this.isOwn(doc)) return true;
    if (this.hidden[doc]) return false;
    return !this.otherTranslations.some(function (r) { return doc >= r[0] && doc < r[1]; });
  };

  // Each document's filter values: loaded only when filters are used.
  Index.prototype.loadFacets = function () {
    var self = this;
    return load(this.base + "f.js").then(function () {
      if (self.facetValues) return;
      var f = registry.facets;
      var numbers = decodeNumbers(f.docs);
      self.facetTables = f;
      self.facetValues = [];
      for (var i = 0; i + 4 < numbers.length; i += 5) self.facetValues.push(numbers.slice(i, i + 5));
    });
  };

  Index.prototype.facet = function (doc) {
    var v = this.facetValues[doc], t = this.facetTables;
    var tracks = [];
    for (var bit = 0, mask = v[4]; mask > 0; bit++, mask = Math.floor(mask / 2)) {
      if (mask % 2) tracks.push(t.tracks[bit]);
    }
    return { year: t.years[v[0]], kind: t.kinds[v[1]], type: t.types[v[2]], lang: t.languages[v[3]], tracks: tracks };
  };

  // The shard whose range holds `key`: the last whose first key is <= key.
  Index.prototype.shardOf = function (key) {
    var firsts = this.info.shards;
    var lo = 0, hi = firsts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= key) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  };

  Index.prototype.shard = function (n) {
    var self = this;
    return load(this.base + "t-" + n + ".js").then(function () { return registry.shard[n]; });
  };

  // Terms a query word stands for: the word itself if it is a term, the
  // terms of its surface form, and with `prefix`, every term and surface
  // that starts with it (the last word while the reader types).
  Index.prototype.terms = function (word, prefix) {
    var self = this;
    var first = this.shardOf(word);
    var last = prefix ? this.shardOf(word + "\uffff") : first;
    var wanted = [];
    for (var n = first; n <= Math.min(last, first + 5); n++) wanted.push(n);
    return Promise.all(wanted.map(function (n) { return self.shard(n); })).then(function (shards) {
      var found = {};
      shards.forEach(function (shard) {
        var add = function (term) { found[term] = true; };
        if (shard.t[word] !== undefined) found[word] = true;
        if (shard.s[word]) shard.s[word].split(" ").forEach(function (t) { found[t] = true; });
        if (!prefix) return;
        var count = 0;
        for (var key in shard.t) if (key.indexOf(word) === 0 && count++ < 40) found[key] = true;
        for (var surface in shard.s) {
          if (surface.indexOf(word) === 0) shard.s[surface].split(" ").forEach(add);
        }
      });
      return Object.keys(found);
    });
  };

  // Like `terms`, but a word the index does not know is tried again
  // shorter, as a prefix, down to 60% of its length: without a stemmer,
  // "trusted" still finds "trust".
  Index.prototype.lookup = function (word, prefix) {
    var self = this;
    return this.terms(word, prefix).then(function (found) {
      if (found.length) return found;
      var chars = Array.from(word);
      var shortest = Math.max(3, Math.ceil(chars.length * 0.6));
      var attempt = function (length) {
        if (length < shortest) return [];
        return self.terms(chars.slice(0, length).join(""), true).then(function (more) {
          return more.length ? more : attempt(length - 1);
        });
      };
      return attempt(chars.length - 1);
    });
  };

  // A term's entry (see src/search/index.rs): its postings — `docs`, in
  // document order, and each one's BM25F `levels` (each number of the
  // index is the gap since the previous document shifted by four bits
  // plus the level); the documents with it in their title, doc → the
  // title's number of words; where its positions are, and its positions
  // in the key text (title, takeaways and calls to action). Null when the
  // index does not have it. Typed arrays: a common word has a posting in
  // nearly every document.
  Index.prototype.entry = function (term) {
    var self = this;
    this.entries = this.entries || {};
    if (this.entries[term] !== undefined) return Promise.resolve(this.entries[term]);
    return this.shard(this.shardOf(term)).then(function (shard) {
      var encoded = shard.t[term];
      var entry = null;
      if (encoded !== undefined) {
        var parts = encoded.split(" ");
        var numbers = decodeNumbers(parts[0]);
        var docs = new Int32Array(numbers.length), levels = new Uint8Array(numbers.length), doc = 0;
        for (var i = 0; i < numbers.length; i++) {
          var gap = Math.floor(numbers[i] / 16);
          doc = i === 0 ? gap : doc + gap;
          docs[i] = doc;
          levels[i] = numbers[i] % 16;
        }
        var titles = {}, pairs = decodeNumbers(parts[1] || "");
        doc = 0;
        for (var k = 0; k + 1 < pairs.length; k += 2) { doc += pairs[k]; titles[doc] = pairs[k + 1]; }
        entry = { docs: docs, levels: levels, titles: titles, positions: parts[2] || "", keyPositions: parts[3] || "" };
      }
      self.entries[term] = entry;
      return entry;
    });
  };

  // A document's place in a term's postings, or -1.
  function placeOf(entry, doc) {
    var docs = entry.docs, lo = 0, hi = docs.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (docs[mid] < doc) lo = mid + 1; else if (docs[mid] > doc) hi = mid - 1; else return mid;
    }
    return -1;
  }

  // Where a term's positions are (with `key`, those in its key text):
  // their blocks, each {first, count} (its documents, by their place in
  // the postings) and either {text} or the file and place it is in; and
  // each document's place. Null without.
  Index.prototype.blocks = function (entry, key) {
    var encoded = entry && (key ? entry.keyPositions : entry.positions);
    if (!encoded) return null;
    var cached = key ? "keyBlocks" : "blocks";
    if (entry[cached]) return entry[cached];
    var blocks = [];
    if (encoded[0] === ".") {
      blocks.push({ text: encoded.slice(1), first: 0, count: entry.docs.length });
    } else {
      var pointers = decodeNumbers(encoded), first = 0;
      for (var k = 0; k + 2 < pointers.length; k += 3) {
        blocks.push({ file: pointers[k], index: pointers[k + 1], first: first, count: pointers[k + 2] });
        first += pointers[k + 2];
      }
    }
    entry[cached] = { entry: entry, list: blocks };
    return entry[cached];
  };

  // The docs that have the term, by the number of the block in `blocks`
  // that holds their positions: block → {docs, places} (each doc's place
  // in the block). Docs in ascending order (as most callers have them)
  // are matched to the postings in one pass. The answer for the last
  // list of docs is kept: a check asks what its files cost, then reads
  // them, for the same docs. With a `count` of files ({seen, n, limit,
  // skip}), each block's file is added to it, and the walk gives up
  // (null) once more than `limit` are counted.
  function blocksOf(blocks, docs, count) {
    if (blocks.docs !== docs) {
      var wanted = findBlocks(blocks, docs, count);
      if (wanted) { blocks.docs = docs; blocks.wanted = wanted; }
      return wanted;
    }
    if (count) for (var b in blocks.wanted) counted(count, blocks.list[b].file);
    return blocks.wanted;
  }

  function findBlocks(blocks, docs, count) {
    var wanted = {}, postings = blocks.entry.docs, list = blocks.list;
    // The block from `b` on that holds `place`, with `doc` added to it;
    // -1 once the files counted pass the limit.
    var add = function (doc, place, b) {
      while (place >= list[b].first + list[b].count) b++;
      var found = wanted[b];
      if (!found) {
        found = wanted[b] = { docs: [], places: [] };
        if (count && counted(count, list[b].file) > count.limit) return -1;
      }
      found.docs.push(doc);
      found.places.push(place - list[b].first);
      return b;
    };
    var ascending = true;
    for (var i = 1; i < docs.length && ascending; i++) ascending = docs[i - 1] < docs[i];
    if (ascending) {
      for (var d = 0, place = 0, b = 0; d < docs.length && place < postings.length;) {
        if (postings[place] < docs[d]) place++;
        else if (postings[place] > docs[d]) d++;
        else if ((b = add(docs[d], place, b)) < 0) return null;
        else { d++; place++; }
      }
      return wanted;
    }
    for (var k = 0; k < docs.length; k++) {
      var at = placeOf(blocks.entry, docs[k]);
      if (at < 0) continue;
      var lo = 0, hi = list.length - 1;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (at < list[mid].first + list[mid].count) hi = mid; else lo = mid + 1;
      }
      if (add(docs[k], at, lo) < 0) return null;
    }
    return wanted;
  }

  // Adds `file` (if a file, and not one `count.skip`s) to the files
  // counted; their number.
  function counted(count, file) {
    if (file !== undefined && !count.seen[file] && !(count.skip && count.skip(file))) {
      count.seen[file] = true;
      count.n++;
    }
    return count.n;
  }

  // How many `p-<n>.js` files the positions of `terms` in `docs` are in
  // (with `key`, in key text): what checking them costs, the same
  // whatever was read before, so that what a query decides by it does
  // not depend on the queries before. With `limit`, counted only until
  // there are more: a common word's positions in thousands of documents
  // are in more files than any check would read, and counting them all
  // takes longer than the check.
  Index.prototype.filesFor = function (terms, docs, key, limit) {
    return this.positionFiles(terms, docs, key, limit).then(function (files) { return files.length; });
  };

  // The same files, those not read yet.
  Index.prototype.unreadFiles = function (terms, docs, key, limit) {
    var self = this;
    return this.positionFiles(terms, docs, key, limit, function (file) { return loading[self.positionFile(file)]; });
  };

  Index.prototype.readFiles = function (files) {
    var self = this;
    return Promise.all(files.map(function (file) { return load(self.positionFile(file)); }));
  };

  Index.prototype.positionFile = function (file) {
    return this.base + "p-" + file + ".js";
  };

  // The files, each once, but those `skip` says; with `limit`, as soon as
  // there are more than that, only the first of them.
  Index.prototype.positionFiles = function (terms, docs, key, limit, skip) {
    var self = this;
    return Promise.all(terms.map(function (t) { return self.entry(t); })).then(function (entries) {
      var count = { seen: {}, n: 0, limit: limit === undefined ? Infinity : limit, skip: skip };
      for (var e = 0; e < entries.length && count.n <= count.limit; e++) {
        var blocks = self.blocks(entries[e], key);
        if (blocks) blocksOf(blocks, docs, count);
      }
      return Object.keys(count.seen);
    });
  };

  // The positions of `term` in each of `docs` that has it: doc → sorted
  // positions; with `key`, only those in its key text. Only the blocks
  // that hold those documents are loaded.
  Index.prototype.positions = function (term, docs, key) {
    var self = this;
    return this.entry(term).then(function (entry) {
      var blocks = self.blocks(entry, key);
      if (!blocks) return {};
      var wanted = blocksOf(blocks, docs);
      var found = {};
      return Promise.all(Object.keys(wanted).map(function (b) {
        var block = blocks.list[b];
        var text = block.text !== undefined ? Promise.resolve(block.text) : load(self.positionFile(block.file)).then(function () { return registry.positions[block.file][block.index]; });
        return text.then(function (text) {
          var places = wanted[b].places, lists = listsAt(text, places);
          wanted[b].docs.forEach(function (doc, i) { found[doc] = lists[places[i]]; });
        });
      })).then(function () { return found; });
    });
  };

  // The positions of any of a group's terms in each of `docs` (with
  // `key`, in its key text), sorted; an empty list where none.
  function groupPositions(index, terms, docs, key) {
    return Promise.all(terms.map(function (t) { return index.positions(t, docs, key); })).then(function (maps) {
      var merged = {};
      if (maps.length === 1) {
        docs.forEach(function (doc) { merged[doc] = maps[0][doc] || []; });
        return merged;
      }
      docs.forEach(function (doc) {
        var all = [];
        maps.forEach(function (m) { if (m[doc]) all = all.concat(m[doc]); });
        merged[doc] = all.sort(function (a, b) { return a - b; });
      });
      return merged;
    });
  }

  Index.prototype.meta = function (doc) {
    var self = this;
    var chunk = Math.floor(doc / this.info.chunk);
    return load(this.base + "m-" + chunk + ".js").then(function () {
      return registry.meta[chunk][doc % self.info.chunk];
    });
  };

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = new Int8Array(128);
  for (var d = 0; d < DIGITS.length; d++) DIGIT[DIGITS.charCodeAt(d)] = d;

  // From a block of positions (for each document in turn, their count,
  // then the gaps between them), the lists at `places` (numbers of
  // documents in the block): place → sorted positions. The others are
  // skipped, not decoded: a block holds a common word in hundreds.
  function listsAt(text, places) {
    var wanted = {}, found = {}, at = 0;
    places.forEach(function (p) { wanted[p] = true; });
    var number = function () {
      var value = 0, scale = 1, digit;
      do { digit = DIGIT[text.charCodeAt(at++) & 127]; value += (digit & 31) * scale; scale *= 32; } while (digit >= 32);
      return value;
    };
    for (var place = 0; at < text.length; place++) {
      var count = number();
      if (!wanted[place]) {
        for (var skip = 0; skip < count; at++) if (DIGIT[text.charCodeAt(at) & 127] < 32) skip++;
        continue;
      }
      var list = new Array(count), position = 0;
      for (var c = 0; c < count; c++) { position += number(); list[c] = position; }
      found[place] = list;
    }
    return found;
  }

  // Numbers of five bits a digit, least first; a digit of 32 or more says
  // that more follow (src/search/encoding.rs).
  function decodeNumbers(text) {
    var out = [], value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i) & 127];
      value += (digit & 31) * scale;
      if (digit >= 32) { scale *= 32; } else { out.push(value); value = 0; scale = 1; }
    }
    return out;
  }

  window.IGFSearch = {
    index: function (data) { registry.index = data; },
    labels: function (lang, data) { registry.labels[lang] = data; },
    shard: function (n, data) { registry.shard[n] = data; },
    positions: function (n, data) { registry.positions[n] = data; },
    meta: function (n, data) { registry.meta[n] = data; },
    facets: function (data) { registry.facets = data; },
    analyze: analyze,
    // For search-query.js and search.js.
    fold: fold,
    tokens: tokens,
    CJK: CJK,
    Index: Index,
    groupPositions: groupPositions
  };
})();
