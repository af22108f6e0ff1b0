// igf-archive search, the query: what a query asks for, which documents
// match it (words, prefixes, exact phrases) and in what order. Runs after
// search-engine.js, whose index it reads; search.js is the page. The
// ranking finishes what src/search/scoring.rs starts;
// tests/search-vectors.json checks that the two agree.
(function () {
  "use strict";

  var engine = window.IGFSearch;
  var fold = engine.fold, tokens = engine.tokens, groupPositions = engine.groupPositions;

  var SHOWN = 10;
  // A query's last word also stands for the words it begins ("data",
  // "database"), as a reader may not have finished it: if it has at
  // least this many letters. Shorter ones ("a", "in", "for", Arabic
  // "إلى", which folds to the article's letters) begin hundreds of words
  // and say nothing of what the reader wants. (A word the index does
  // not know is still tried shorter, as a beginning: "cyb".)
  var COMPLETED = 4;
  // Ties in score among the first hits are ordered by how close the
  // query's words stand, from their positions: for at most this many.
  var PROXIMITY_DOCS = 12;
  // ... unless their positions are in more files than this.
  var PROXIMITY_FILES = 8;
  // Closeness in key text reads every word's positions at once when they
  // are in at most this many files not yet read (`prefetchKeyPositions`).
  var NEAR_FILES = 12;
  // The query's words stand together in the key text when the stretch
  // holding them is at most this many positions per word after the first:
  // one other word between each, as a reader half-remembers a sentence.
  var NEAR = 2;
  // Closeness looks at the query's rarest words, at most this many (a
  // Chinese word with all its pairs of characters): a long query of
  // common words (a title half remembered) would read every block of
  // each word's key-text positions, one word after another, for what its
  // rarest words already tell.
  var NEAR_WORDS = 3;
  // A phrase whose check needs more files of positions than this (about
  // 9 KB each) is checked in the first hits only (see `search`)...
  engine.PHRASE_FILES = 24;
  // ... those whose key text holds it first, as closeness read it, then
  // the others' text with at most this many files for each page of hits
  // asked for: the words of a phrase found almost everywhere are in
  // dozens of files for ten documents, most of which lack it.
  engine.PAGE_FILES = 12;

  // A query is a list of groups that must all match; a group is a list of
  // alternative terms. Quoted phrases also need their words in order.
  function parse(query) {
    var phrases = [];
    var rest = query.replace(/"([^"]*)"?/g, function (_, phrase) { phrases.push(phrase); return " "; });
    return { words: tokens(fold(rest)), phrases: phrases.map(function (p) { return tokens(fold(p)); }), endsInWord: /[\p{Alphabetic}\p{N}]$/u.test(query) };
  }

  // Which tokens of a CJK run count: a single character, else its bigrams.
  function required(list) {
    var byRun = {};
    list.forEach(function (t) { if (t.cjk) (byRun[t.run] = byRun[t.run] || []).push(t); });
    return list.filter(function (t) {
      if (!t.cjk) return true;
      var run = byRun[t.run];
      return run.length === 1 ? true : Array.from(t.text).length === 2;
    });
  }

  // Words that take a position: all but CJK bigrams.
  function positioned(t) { return !t.cjk || Array.from(t.text).length === 1; }

  // The hits of `query`, ranked (the rule is described in
  // src/search/scoring.rs). A quoted phrase whose check would read more
  // than PHRASE_FILES files of positions is checked only in the first
  // hits, in their key text first, until `want` (default SHOWN) have it
  // or PAGE_FILES more files are needed: `partial` then says that more
  // may match. Every hit returned has the phrase. Costs are counted the
  // same whatever was read before, so the hits do not depend on the
  // queries before. The hits are in order as far as the first `want`
  // (and the ties after them that the ranking looks at); the rest follow
  // in no order, unless `inOrder` asks for every hit in order (filters
  // pick among them).
  function search(index, query, want, inOrder) {
    var parsed = parse(query);
    var words = required(parsed.words);
    var phraseTokens = parsed.phrases.map(function (p) { return p.filter(positioned); });
    // Each token with the query word it is of (`word`): a Chinese run is
    // one word of several tokens.
    var all = words.map(function (t, i) { return { token: t, word: t.cjk ? "run " + t.run : "word " + i, prefix: parsed.endsInWord && i === words.length - 1 && !t.cjk && !parsed.phrases.length && Array.from(t.text).length >= COMPLETED }; });
    phraseTokens.forEach(function (p, n) {
      p.forEach(function (t, i) { all.push({ token: t, word: "phrase " + n + (t.cjk ? " run " + t.run : " word " + i), prefix: false }); });
    });
    if (!all.length) return Promise.resolve({ hits: [], groups: [], words: [] });
    var queryWords = parsed.words.filter(positioned).length + phraseTokens.reduce(function (n, p) { return n + p.length; }, 0);
    return Promise.all(all.map(function (q) {
      return q.token.cjk ? Promise.resolve([q.token.text]) : index.lookup(q.token.text, q.prefix);
    })).then(function (groups) {
      return Promise.all(groups.map(function (terms) { return scoreGroup(index, terms); })).then(function (scored) {
        var docs = intersect(index, scored, queryWords);
        var result = { groups: groups, words: all.map(function (q) { return q.token; }) };
        // The groups with positions, and the word each is of: a pair of
        // Chinese characters has none, and stands where its first
        // character does (whose entry is next to the pair's, in the same
        // shard but at its edges). A Chinese word alone is no query of
        // several words.
        var units = {};
        words.forEach(function (t, i) { units[all[i].word] = true; });
        var several = Object.keys(units).length + groups.length - words.length > 1;
        var placed = !several ? [] : groups.map(function (terms, i) {
          var t = all[i].token;
          return { terms: positioned(t) ? terms : [Array.from(t.text)[0]], word: all[i].word };
        });
        var offset = words.length;
        // Each phrase's groups, by their number among `groups`.
        var phraseGroups = phraseTokens.map(function (p) {
          offset += p.length;
          return p.map(function (_, i) { return offset - p.length + i; });
        });
        var phrases = phraseGroups.map(function (numbers) {
          return numbers.map(function (g) { return groups[g]; });
        });
        // Checks every phrase in `kept`; with `budget`, stops once the
        // next word would read more files of positions than it has left,
        // and keeps the documents not yet ruled out, `checked` false.
        var filter = function (kept, budget) {
          return phrases.reduce(function (promise, termLists) {
            return promise.then(function (so) {
              if (!so.checked) return so;
              return phraseFilter(index, termLists, so.docs, budget);
            });
          }, Promise.resolve({ docs: kept, checked: true }));
        };
        return filter(docs, { left: engine.PHRASE_FILES }).then(function (so) {
          var ordered = inOrder ? Infinity : Math.max(want || SHOWN, SHOWN + PROXIMITY_DOCS + 1);
          if (so.checked) return rank(index, so.docs, groups, placed, ordered);
          // Too costly to check them all: check them in the order they
          // rank, a few at a time, until `want` have every phrase or the
          // checks would need PAGE_FILES more files per page asked for.
          return rank(index, so.docs, groups, placed, ordered, true).then(function (ranked) {
            // PAGE_FILES for every page of hits asked for, so that
            // "more" goes further each time.
            var budget = { left: engine.PAGE_FILES * Math.ceil((want || SHOWN) / SHOWN) };
            var known = function (d) { return inKeyText(d, phraseGroups); };
            return firstWithPhrases(ranked, ordered, known, function (batch, first) {
              return filter(batch, first ? undefined : budget);
            }, want || SHOWN, result);
          });
        }).then(function (hits) {
          result.hits = hits;
          return result;
        });
      });
    });
  }

  // The first `want` of `ranked` (the first `ordered` of them in order,
  // the others put in order as the check reaches them) that have the
  // phrases: those `known` to from their key text, without reading more,
  // and those `filter` keeps, checked a few at a time in their order
  // while its budget lasts (the first few whatever they cost if none is
  // known, so that a query shows something). `result.partial` is true if
  // unchecked documents remain, so the page says "at least" and offers
  // to check more.
  function firstWithPhrases(ranked, ordered, known, filter, want, result) {
    var hits = [], at = 0;
    var done = function (more) {
      result.partial = more;
      return Promise.resolve(hits);
    };
    var step = function () {
      if (hits.length >= want || at >= ranked.length) return done(at < ranked.length);
      var end = at + Math.max(SHOWN, want - hits.length);
      if (end > ordered) {
        sortNext(ranked, ordered, end - ordered);
        ordered = end;
      }
      var batch = ranked.slice(at, end);
      var sure = [], unsure = [];
      batch.forEach(function (d) { (known(d) ? sure : unsure).push(d); });
      return filter(unsure, at === 0 && !sure.length).then(function (so) {
        if (!so.checked) {
          hits = hits.concat(sure);
          return done(true);
        }
        at += batch.length;
        var kept = so.docs.concat(sure);
        hits = hits.concat(batch.filter(function (d) { return kept.indexOf(d) >= 0; }));
        return step();
      });
    };
    return step();
  }

  // Whether `d`'s key text, as `nearness` read it, holds each phrase of
  // `phraseGroups` (numbers of groups): its words one after another. Key
  // text positions are the document's own, so the full check would find
  // the phrase there too.
  function inKeyText(d, phraseGroups) {
    return phraseGroups.every(function (numbers) {
      if (numbers.length < 2) return true;
      if (!d.keyAt || numbers.some(function (g) { return !d.keyAt[g]; })) return false;
      var starts = d.keyAt[numbers[0]];
      for (var i = 1; i < numbers.length && starts.length; i++) starts = common(starts, shifted(d.keyAt[numbers[i]], i));
      return starts.length > 0;
    });
  }

  // For one group, by document number: the best score of its terms, by
  // idf · (level + ½) / levels (0 where none has it), and the number of
  // words of the title if one of its terms is in it (-1 where not); and
  // the documents of a group of one term, in order (`docs`).
  function scoreGroup(index, terms) {
    var n = index.info.n, levels = index.info.levels;
    return Promise.all(terms.map(function (t) { return index.entry(t); })).then(function (entries) {
      var found = entries.filter(Boolean);
      var group = { score: null, title: null, docs: found.length === 1 ? found[0].docs : null };
      found.forEach(function (entry) {
        var df = entry.docs.length;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        if (!group.score) { group.score = new Float64Array(n); group.title = new Int32Array(n).fill(-1); }
        for (var i = 0; i < df; i++) {
          var doc = entry.docs[i], s = idf * (entry.levels[i] + 0.5) / levels;
          if (s > group.score[doc]) group.score[doc] = s;
        }
        for (var titled in entry.titles) group.title[titled] = entry.titles[titled];
      });
      return group;
    });
  }

  // The documents every group matches that the reader sees, in document
  // order, with their summed score, whether the title has every word,
  // whether it is exactly the query, and whether it is in the reader's
  // language (`near` and `span` are for `rank`). Those of the group of
  // one term with the fewest are the only ones to look at, if any.
  function intersect(index, groups, queryWords) {
    if (!groups.length || groups.some(function (g) { return !g.score; })) return [];
    var docs = [], n = groups[0].score.length, fewest = null;
    groups.forEach(function (g) { if (g.docs && (!fewest || g.docs.length < fewest.length)) fewest = g.docs; });
    var count = fewest ? fewest.length : n;
    for (var i = 0; i < count; i++) {
      var doc = fewest ? fewest[i] : i;
      var total = 0, all = true, inTitle = true, titleWords;
      for (var g = 0; g < groups.length; g++) {
        var score = groups[g].score[doc];
        if (!score) { all = false; break; }
        total += score;
        var title = groups[g].title[doc];
        if (title < 0) inTitle = false; else titleWords = title;
      }
      if (all && index.visible(doc)) {
        docs.push({ doc: doc, score: total, title: inTitle ? 1 : 0, exact: inTitle && titleWords <= queryWords ? 1 : 0, own: index.isOwn(doc) ? 1 : 0, near: Infinity, span: Infinity });
      }
    }
    return docs;
  }

  // Keeps the documents that have the phrase's words one after another,
  // from their positions: exact, after folding and stemming; or, when the
  // next word would cost more files than `budget.left`, those not ruled
  // out yet, with `checked` false. The words are checked one at a time
  // (the first two together), first those whose positions in the
  // documents still kept need the fewest files, so that a common word's
  // positions are read only for the few documents that have the rarer
  // words in place.
  function phraseFilter(index, termLists, docs, budget) {
    if (termLists.length < 2 || !docs.length) return Promise.resolve({ docs: docs, checked: true });
    var kept = docs.map(function (d) { return d.doc; });
    var checked = true;
    // doc → where the phrase may start in it (sorted), from the words
    // checked; null before the first.
    var starts = null;
    var words = termLists.map(function (terms, offset) { return { terms: terms, offset: offset }; });
    // Keeps the docs where `word` stands at one of the starts so far.
    var keep = function (word, positions) {
      var after = {};
      kept = kept.filter(function (doc) {
        var found = shifted(positions[doc], word.offset);
        if (starts) found = common(starts[doc], found);
        after[doc] = found;
        return found.length > 0;
      });
      starts = after;
    };
    var next = function () {
      if (!words.length || !kept.length) return Promise.resolve();
      // Costs past the budget are counted only until over it: the
      // cheapest words are the same.
      return Promise.all(words.map(function (w) { return index.filesFor(w.terms, kept, false, budget && budget.left); })).then(function (costs) {
        // The cheapest word; at first, the two cheapest, read at once:
        // the first rules out no document alone (every one has it).
        var order = costs.map(function (c, i) { return i; }).sort(function (a, b) { return costs[a] - costs[b] || a - b; });
        var chosen = order.slice(0, starts ? 1 : 2);
        var cost = chosen.reduce(function (n, i) { return n + costs[i]; }, 0);
        if (budget && cost > budget.left) { checked = false; return; }
        if (budget) budget.left -= cost;
        var picked = chosen.map(function (i) { return words[i]; });
        words = words.filter(function (w) { return picked.indexOf(w) < 0; });
        return Promise.all(picked.map(function (w) { return groupPositions(index, w.terms, kept); })).then(function (found) {
          picked.forEach(function (w, i) { keep(w, found[i]); });
          return next();
        });
      });
    };
    return next().then(function () {
      var has = {};
      kept.forEach(function (doc) { has[doc] = true; });
      return { docs: docs.filter(function (d) { return has[d.doc]; }), checked: checked };
    });
  }

  // Sorted positions, each less `offset`.
  function shifted(positions, offset) {
    var out = new Array(positions.length);
    for (var i = 0; i < positions.length; i++) out[i] = positions[i] - offset;
    return out;
  }

  // The numbers in both sorted lists.
  function common(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  // The shortest stretch of positions that holds one of each list's
  // (sorted lists; Infinity if one is empty): the lists' heads advance,
  // the lowest first, keeping the narrowest stretch they span.
  function span(lists) {
    var k = lists.length, heads = new Array(k), best = Infinity;
    for (var g = 0; g < k; g++) {
      if (!lists[g] || !lists[g].length) return Infinity;
      heads[g] = 0;
    }
    for (;;) {
      var low = 0, min = Infinity, max = -Infinity;
      for (g = 0; g < k; g++) {
        var p = lists[g][heads[g]];
        if (p < min) { min = p; low = g; }
        if (p > max) max = p;
      }
      if (max - min < best) best = max - min;
      if (++heads[low] >= lists[low].length) return best;
    }
  }

  // The order before closeness and score: the reader's language, an exact
  // title, the title with every word.
  function tier(a, b) {
    return b.own - a.own || b.exact - a.exact || b.title - a.title;
  }

  function compare(a, b) {
    return tier(a, b) || a.near - b.near || b.score - a.score || a.span - b.span || a.doc - b.doc;
  }

  // How close the query's words stand in each doc's key text — its title,
  // and each of its takeaways and calls to action apart — when they stand
  // within NEAR positions per word there: the shortest stretch that holds
  // them all, else Infinity. Only for the docs that can reach the first
  // page (ranking, before closeness, as high as the SHOWN-th) and whose
  // title does not hold every word (so: in one takeaway or call to
  // action). The rarest group's positions are loaded first, and each next
  // group's only for the docs where the groups so far stand close enough.
  // With `every`, for every doc, and those that stand close keep the
  // positions read, by group number (`keyAt`): a phrase's words there
  // need no other check (`inKeyText`).
  function nearness(index, docs, groups, every) {
    var last = docs[Math.min(docs.length, SHOWN) - 1];
    var candidates = docs.filter(function (d) { return every || (!d.title && tier(d, last) <= 0); });
    if (groups.length < 2 || !candidates.length) return Promise.resolve();
    return Promise.all(groups.map(function (group, number) {
      return Promise.all(group.terms.map(function (t) { return index.entry(t); })).then(function (entries) {
        var df = entries.reduce(function (n, e) { return n + (e ? e.docs.length : 0); }, 0);
        return { terms: group.terms, word: group.word, df: df, number: number };
      });
    })).then(function (sized) {
      // The groups of the NEAR_WORDS words whose rarest group is rarest.
      sized.sort(function (a, b) { return a.df - b.df; });
      var rarest = [];
      sized = sized.filter(function (group) {
        if (rarest.indexOf(group.word) < 0) {
          if (rarest.length === NEAR_WORDS) return false;
          rarest.push(group.word);
        }
        return true;
      });
      var within = NEAR * (sized.length - 1);
      var lists = {};
      candidates.forEach(function (d) { lists[d.doc] = []; });
      var numbers = Object.keys(lists).map(Number);
      // Once every group left has been read at once, the next steps need
      // not ask again.
      var allRead = false;
      return sized.reduce(function (promise, group, g) {
        return promise.then(function (left) {
          if (!left.length) return left;
          var read = allRead ? Promise.resolve(true) : prefetchKeyPositions(index, sized.slice(g), left);
          return read.then(function (done) {
            allRead = done;
            return groupPositions(index, group.terms, left, true);
          }).then(function (positions) {
            return left.filter(function (doc) {
              lists[doc].push(positions[doc]);
              return positions[doc].length > 0 && span(lists[doc]) <= within;
            });
          });
        });
      }, Promise.resolve(numbers)).then(function (left) {
        var near = {};
        left.forEach(function (doc) { near[doc] = span(lists[doc]); });
        candidates.forEach(function (d) {
          if (!d.title) d.near = near[d.doc] === undefined ? Infinity : near[d.doc];
          if (!every || near[d.doc] === undefined) return;
          d.keyAt = {};
          sized.forEach(function (group, g) { d.keyAt[group.number] = lists[d.doc][g]; });
        });
      });
    });
  }

  // Reads the key-text positions of every group left in the docs still
  // in the running at once when they are in few files: one wait instead
  // of one per word, which is most of a query's time from disk. More
  // files than that are read a word at a time, as the docs fall away.
  // Says whether it read them.
  function prefetchKeyPositions(index, groups, docs) {
    var terms = [].concat.apply([], groups.map(function (g) { return g.terms; }));
    return index.unreadFiles(terms, docs, true, NEAR_FILES).then(function (files) {
      return files.length <= NEAR_FILES && index.readFiles(files).then(function () { return true; });
    });
  }

  // Sorts the first `ordered` hits: the reader's language, an exact
  // title, the title with every word, how close the words stand in one
  // takeaway or call to action, the score, then — among the first hits,
  // for ties — how close the words stand anywhere, then the index's order
  // (newest first). `placed` are the groups with positions, each
  // {terms, word} (see `search`); with `every`, closeness is looked at
  // in every hit.
  function rank(index, docs, groups, placed, ordered, every) {
    // With `every`, closeness is looked at whatever the order before it.
    if (!every || groups.length < 2) sortFirst(docs, ordered);
    if (groups.length < 2 || !docs.length) return Promise.resolve(docs);
    return nearness(index, docs, placed, every).then(function () {
      sortFirst(docs, ordered);
      return byProximity(index, docs, groups, ordered);
    });
  }

  // Puts the first `k` of `docs` in order at the front, the others after
  // them in no order: a common word matches thousands of documents, and
  // sorting them all would take longer than the rest of the query.
  function sortFirst(docs, k) {
    if (docs.length <= 2 * k) return docs.sort(compare);
    var best = docs.slice(0, k).sort(compare), rest = [];
    for (var i = k; i < docs.length; i++) {
      var d = docs[i];
      if (compare(d, best[k - 1]) >= 0) { rest.push(d); continue; }
      rest.push(best.pop());
      var lo = 0, hi = k - 1;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (compare(best[mid], d) < 0) lo = mid + 1; else hi = mid;
      }
      best.splice(lo, 0, d);
    }
    for (i = 0; i < k; i++) docs[i] = best[i];
    for (i = 0; i < rest.length; i++) docs[k + i] = rest[i];
    return docs;
  }

  // Puts in order the `k` of `docs` that come after the first `from`
  // (which are in order, and before all others).
  function sortNext(docs, from, k) {
    var rest = docs.slice(from);
    sortFirst(rest, k);
    for (var i = 0; i < rest.length; i++) docs[from + i] = rest[i];
  }

  // Among the first hits, ties are ordered by how close the words stand.
  function byProximity(index, docs, groups, ordered) {
    var tied = [];
    var same = function (a, b) { return !tier(a, b) && a.near === b.near && a.score === b.score; };
    for (var i = 0; i < docs.length && tied.length < PROXIMITY_DOCS; i++) {
      var tiedBefore = i > 0 && same(docs[i - 1], docs[i]);
      if (i >= SHOWN && !tiedBefore) break;
      if (tiedBefore || (i + 1 < docs.length && same(docs[i], docs[i + 1]))) tied.push(docs[i]);
    }
    if (!tied.length) return Promise.resolve(docs);
    var numbers = tied.map(function (d) { return d.doc; });
    return Promise.all(groups.map(function (terms) { return index.filesFor(terms, numbers); })).then(function (costs) {
      // Common words' positions of a dozen documents are in as many
      // files each: not worth the wait for a tie, which then goes to the
      // newer meeting. Counted whether read or not, so that the order
      // does not depend on the queries before.
      var files = costs.reduce(function (a, b) { return a + b; }, 0);
      if (files > PROXIMITY_FILES) return docs;
      return Promise.all(groups.map(function (terms) { return groupPositions(index, terms, numbers); })).then(function (lists) {
        tied.forEach(function (d) { d.span = span(lists.map(function (l) { return l[d.doc]; })); });
        return sortFirst(docs, ordered);
      });
    });
  }

  engine.SHOWN = SHOWN;
  engine.search = search;
})();
