/*
 * This site's search, in place of Material's search worker.
 *
 * Material's worker builds a lunr index from the whole search index each
 * time a page opens search: seconds at a thousand articles, paid again on
 * every page. This worker reads an index built with the site
 * (articles/search_index.py): the words, and for each word the sections
 * that hold it, so that getting ready is reading a file, and answering is
 * looking up the few words a reader typed.
 *
 * What a reader gets:
 * - each word typed is looked up as the start of a word, without accents
 *   (« strategie » finds « stratégies »); a query's words need not all be
 *   found, but the pages that hold them all come first; +mot requires a
 *   word, -mot excludes it, mot~1 allows it a wrong letter;
 * - words typed apart or hyphenated also find the word the pages write
 *   joined (« after work », « after-work »: « afterwork »), and a word the
 *   index does not know that is two it knows is looked up as those two
 *   (« bigdata »: « Big Data »);
 * - a query that finds nothing is asked again with each word of 5 letters
 *   or more allowed a wrong letter (2 from 9 letters), and the answer says
 *   so (`approximate`, shown by search.js: « résultats pour des mots
 *   proches »);
 * - a topic's synonyms (docs/taxonomy.yml) find its articles, after those
 *   that hold the word itself;
 * - each result shows the passage of its section that holds the words,
 *   words marked (from its page's file under search/passages/, fetched once
 *   and kept): the first ten in the answer (while their files are on their
 *   way, the results show the sections' openings, then a second answer
 *   shows the passages), the others as Material shows them on scroll, when
 *   search.js asks for them ({type: 100, data: {number, groups}}, answered
 *   by {type: 101, data: {number, passages: {location: html}}}); the link to
 *   the page carries the words as written in it, accents included, so that
 *   Material highlights them there.
 *
 * All this script knows of Material is here, and tests/test_internals.py
 * checks it against Material's scripts at each upgrade:
 * - the messages: {type: 0, data: {config, docs, options}} sets up (the
 *   bundle sends the index's `config` as it is: this site's index travels
 *   in `config.engine`), {type: 1} says ready, {type: 2, data: query}
 *   asks, {type: 3, data: {items, suggest}} answers (each answer replaces
 *   the results shown: the second answer to a query, with its passages,
 *   too);
 * - an answer's items are groups, one per page: the page's own entry, then
 *   its sections; each {location, title, text, tags, score, terms}, title
 *   and text as HTML (words found in <mark>), `terms` mapping words to
 *   whether they were found: Material lists the others as « Non trouvé »
 *   and links to the page with the found ones (?h=); sections scored below
 *   the first go under « N autres résultats »;
 * - `suggest`: words of titles, the last one completing the last word typed.
 */
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;
// This site's own messages with search.js (Material ignores them): the
// passages of results shown further down.
var PASSAGES = 100;
var PASSAGES_FOUND = 101;
// articles/search_index.py: ENGINE_VERSION and the bits of a posting.
var ENGINE_VERSION = 1;
var IN_TITLE = 1;
var IN_TEXT = 2;
var IN_TOPICS = 4;
var IN_SYNONYMS = 8;
var FIELD_BITS = 4;
// A word in a topic weighs more than in a title, in a title more than in
// the text; a synonym of a topic least of all: its articles come after
// those that hold the word itself.
var WEIGHTS = [[IN_TOPICS, 100], [IN_TITLE, 10], [IN_TEXT, 1], [IN_SYNONYMS, 0.01]];
// A word typed whole weighs more than the start of a longer word.
var PREFIX_FACTOR = 0.6;
// A page's other sections that hold a word add this share of their score.
var SPREAD_FACTOR = 0.2;
// Results Material shows before the reader scrolls: those get a passage.
var PASSAGE_PAGES = 10;
// Passages' files arriving later than this (milliseconds) are kept for
// the next queries, but the answer shown is not redrawn for them.
var PASSAGE_LATE = 2000;
var PASSAGE_LENGTH = 180;
var PASSAGE_LEAD = 50;
// How far back a passage may start, at the start of its sentence.
var SENTENCE_LOOKBACK = 120;
var MARK_WORDS_PER_TERM = 3;
// Up to this many words matched by a term, all those an entry holds are
// listed for highlighting; beyond, the one that weighed most.
var MATCHES_LISTED = 20;
// Results whose words are marked, and whose links list every word found.
var MARKED_PAGES = 100;
// Words of a query looked up; a longer query is a paste, not a search.
var MAX_TERMS = 12;
// A word the index does not know is looked up as two it knows, each this long at least.
var SPLIT_PART = 3;
// Query syntax a reader typed on purpose: such a query is not second-guessed.
var SYNTAX = /[*~^:+"]|(?:^|\s)-/;
var ENDS = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
var COMBINING_MARKS = /[\u0300-\u036f]/g;
var LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss" };

var index = null;
var pending = Promise.resolve();
var latest = 0;

var foldedWords = new Map();

function fold(text) {
  var known = foldedWords.get(text);
  if (known !== undefined) {
    return known;
  }
  var folded = text
    .toLowerCase()
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[œæß]/g, function (letter) { return LIGATURES[letter]; });
  if (foldedWords.size > 100000) {
    foldedWords.clear();
  }
  foldedWords.set(text, folded);
  return folded;
}

// Letters a word may have wrong when nothing is found as typed: none below
// 5 letters (too many words are a letter away from a short one), 1 from 5,
// 2 from 9.
function allowedEdits(word) {
  var length = Array.from(word).length;
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

// Setup ----------------------------------------------------------------------

function Index(data) {
  var config = data.config || {};
  var engine = config.engine;
  if (!engine || engine.version !== ENGINE_VERSION) {
    throw new Error("search index of another version");
  }
  this.docs = data.docs || [];
  this.options = data.options || {};
  this.words = engine.words;
  this.postings = engine.postings;
  this.folded = this.words.map(fold);
  // The words in the order of their folded forms (the index is sorted so
  // already; checked, not trusted).
  this.order = this.words.map(function (_, position) { return position; });
  var folded = this.folded;
  for (var i = 1; i < folded.length; i++) {
    if (folded[i - 1] > folded[i]) {
      this.order.sort(function (a, b) { return folded[a] < folded[b] ? -1 : folded[a] > folded[b] ? 1 : 0; });
      break;
    }
  }
  this.stopWords = new Set(engine.stop_words || []);
  this.separator = new RegExp("(?:\\s|" + (config.separator || "\\s") + ")+", "u");
  this.splitter = new RegExp("((?:\\s|" + (config.separator || "\\s") + ")+)", "u");
  // With a separator that is a set of characters (this site's), a word is
  // found in one pass: from its first letter or digit to its last, with no
  // separator between.
  var set = /^\[((?:[^\]\\]|\\.)+)\]\+?$/.exec(config.separator || "");
  this.wordPattern = set ?
    new RegExp("[\\p{L}\\p{N}](?:[^\\s" + set[1] + "]*[\\p{L}\\p{N}])?", "gu") :
    null;
  this.decoded = new Map();
  // Each entry's page: the entry of the page itself, which carries the
  // number of the page's file of passages.
  this.pageOf = new Array(this.docs.length);
  var pages = new Map();
  this.docs.forEach(function (doc, number) {
    if (typeof doc.page === "number") {
      pages.set(doc.location.split("#")[0], number);
    }
  });
  for (var n = 0; n < this.docs.length; n++) {
    var page = pages.get(this.docs[n].location.split("#")[0]);
    this.pageOf[n] = page === undefined ? n : page;
  }
  this.passagesBase = null;
  try {
    this.passagesBase = new URL("../../search/" + engine.passages + "/", self.location.href);
  } catch (error) {
    this.passagesBase = null;
  }
  this.passageFiles = new Map();
  this.cut = new Map();
  this.sections = new Map();
  // Files of passages read: page number -> Map(location -> text), or null.
  this.passageTexts = new Map();
}

// The entries holding word number POSITION, in order, and where they
// hold it (bits): {entries: Int32Array, bits: Uint8Array}.
Index.prototype.holders = function (position) {
  var found = this.decoded.get(position);
  if (found) {
    return found;
  }
  var items = this.postings[position].split(",");
  found = { entries: new Int32Array(items.length), bits: new Uint8Array(items.length) };
  var number = 0;
  for (var i = 0; i < items.length; i++) {
    var value = parseInt(items[i], 36);
    number += Math.floor(value / (1 << FIELD_BITS));
    found.entries[i] = number;
    found.bits[i] = value % (1 << FIELD_BITS);
  }
  this.decoded.set(position, found);
  return found;
};

Index.prototype.idf = function (position) {
  var count = this.holders(position).entries.length;
  return Math.log(1 + (this.docs.length - count + 0.5) / (count + 0.5));
};

// The words that start with PREFIX (folded): positions in this.words.
Index.prototype.startingWith = function (prefix) {
  var order = this.order;
  var folded = this.folded;
  var low = 0;
  var high = order.length;
  while (low < high) {
    var middle = (low + high) >> 1;
    if (folded[order[middle]] < prefix) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  var found = [];
  for (var i = low; i < order.length && folded[order[i]].startsWith(prefix); i++) {
    found.push(order[i]);
  }
  return found;
};

// The words at most EDITS letters away from WORD (folded), or whose start
// is: [{position, edits}].
Index.prototype.closeTo = function (word, edits) {
  var found = [];
  var target = Array.from(word);
  for (var i = 0; i < this.folded.length; i++) {
    var candidate = Array.from(this.folded[i]);
    var away = edits + 1;
    if (Math.abs(candidate.length - target.length) <= edits) {
      away = distance(target, candidate, edits);
    }
    if (away > edits && candidate.length > target.length) {
      away = distance(target, candidate.slice(0, target.length), edits) + 0.5;
    }
    if (away <= edits + 0.5) {
      found.push({ position: i, edits: away });
    }
  }
  return found;
};

// Whether ENTRIES (sorted) holds ENTRY.
function holds(entries, entry) {
  var low = 0;
  var high = entries.length;
  while (low < high) {
    var middle = (low + high) >> 1;
    if (entries[middle] < entry) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low < entries.length && entries[low] === entry;
}

// Letters added, removed, replaced, or two neighbours swapped (optimal
// string alignment), given up once above LIMIT.
function distance(a, b, limit) {
  var previous2 = null;
  var previous = [];
  for (var j = 0; j <= b.length; j++) {
    previous.push(j);
  }
  for (var i = 1; i <= a.length; i++) {
    var row = [i];
    var smallest = i;
    for (var k = 1; k <= b.length; k++) {
      var cost = a[i - 1] === b[k - 1] ? 0 : 1;
      var value = Math.min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + cost);
      if (previous2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
        value = Math.min(value, previous2[k - 2] + 1);
      }
      row.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > limit) {
      return limit + 1;
    }
    previous2 = previous;
    previous = row;
  }
  return previous[b.length];
}

// Query ----------------------------------------------------------------------

// The words of a query: {word (folded), typed, required, excluded, edits}.
Index.prototype.parse = function (query) {
  var terms = [];
  var chunks = query.split(/\s+/).filter(Boolean);
  var self = this;
  chunks.forEach(function (chunk, chunkNumber) {
    var required = chunk[0] === "+";
    var excluded = chunk[0] === "-";
    if (required || excluded) {
      chunk = chunk.slice(1);
    }
    // field:mot searches everywhere; mot^2 is weighed like mot.
    chunk = chunk.replace(/^[\p{L}_]+:/u, "").replace(/\^\d*$/, "");
    var edits = 0;
    var fuzzy = /~(\d*)$/.exec(chunk);
    if (fuzzy) {
      edits = Math.min(parseInt(fuzzy[1] || "1", 10), 2);
      chunk = chunk.slice(0, fuzzy.index);
    }
    var pieces = chunk.split(self.separator);
    var first = terms.length;
    pieces.forEach(function (piece, pieceNumber) {
      var typed = piece.replace(ENDS, "");
      if (!typed) {
        return;
      }
      var word = fold(typed);
      var last = chunkNumber === chunks.length - 1 && pieceNumber === pieces.length - 1;
      // A stop word the reader has finished typing weighs nothing; the one
      // being typed may be the start of a longer word.
      if (self.stopWords.has(typed.toLowerCase()) && !last && !required) {
        return;
      }
      if (terms.length < MAX_TERMS) {
        terms.push({
          word: word, typed: typed.toLowerCase(), required: required, excluded: excluded, edits: edits,
          chunk: chunkNumber, last: last, also: [],
        });
      }
    });
    // « after-work » also finds « afterwork »: the index holds both forms
    // of what the pages write hyphenated, not the joined form of every
    // hyphenated query.
    var chunkTerms = terms.slice(first);
    if (chunkTerms.length > 1) {
      var joined = chunkTerms.map(function (term) { return term.word; }).join("");
      if (self.knows(joined, true)) {
        chunkTerms.forEach(function (term) { term.also.push(joined); });
      }
    }
  });
  return this.joinOrSplit(terms);
};

// Whether WORD (folded) is a word of the index, or with PREFIX the start of one.
Index.prototype.knows = function (word, prefix) {
  var found = this.startingWith(word);
  return found.length > 0 && (prefix || this.folded[found[0]] === word);
};

// Words typed apart that the pages write as one (« after work » for
// « afterwork ») also find it; a word the index does not know that is two
// words it knows (« bigdata » for « Big Data ») is looked up as those two.
Index.prototype.joinOrSplit = function (terms) {
  var self = this;
  var plain = function (term) { return !term.required && !term.excluded && !term.edits; };
  for (var t = 0; t + 1 < terms.length; t++) {
    var a = terms[t];
    var b = terms[t + 1];
    if (a.chunk !== b.chunk && plain(a) && plain(b) && this.knows(a.word + b.word, b.last)) {
      a.also.push(a.word + b.word);
      b.also.push(a.word + b.word);
    }
  }
  var result = [];
  terms.forEach(function (term) {
    var parts = plain(term) && !term.also.length ? self.split(term.word, term.last) : null;
    if (!parts) {
      result.push(term);
      return;
    }
    var typed = Array.from(term.typed);
    var cut = typed.length === Array.from(term.word).length ? Array.from(parts[0]).length : -1;
    parts.forEach(function (part, p) {
      var piece = cut < 0 ? part : p === 0 ? typed.slice(0, cut).join("") : typed.slice(cut).join("");
      result.push(Object.assign({}, term, { word: part, typed: piece, last: term.last && p === 1, also: [] }));
    });
  });
  return result.slice(0, MAX_TERMS);
};

// WORD (folded) cut in two words of the index, the shorter as long as can
// be; null when the index knows WORD, or no such cut.
Index.prototype.split = function (word, last) {
  var letters = Array.from(word);
  if (letters.length < 2 * SPLIT_PART || this.knows(word, true)) {
    return null;
  }
  var best = null;
  var bestLength = 0;
  for (var i = SPLIT_PART; i <= letters.length - SPLIT_PART; i++) {
    var left = letters.slice(0, i).join("");
    var right = letters.slice(i).join("");
    var shorter = Math.min(i, letters.length - i);
    if (shorter > bestLength && this.knows(left, false) && this.knows(right, last)) {
      best = [left, right];
      bestLength = shorter;
    }
  }
  return best;
};

// For each term, the words it matches: [{position, factor}]. A word found
// as typed weighs most, then a longer word it starts, then a word a letter
// or two away, the closer the more.
Index.prototype.match = function (terms, approximate) {
  var self = this;
  return terms.map(function (term) {
    var edits = term.edits || (approximate ? allowedEdits(term.word) : 0);
    var matches = edits
      ? self.closeTo(term.word, edits).map(function (found) {
        return { position: found.position, factor: PREFIX_FACTOR * Math.pow(0.5, found.edits) };
      })
      : self.startingWith(term.word).map(function (position) {
        return { position: position, factor: self.folded[position] === term.word ? 1 : PREFIX_FACTOR };
      });
    (term.also || []).forEach(function (joined) {
      self.startingWith(joined).forEach(function (position) {
        if (!matches.some(function (match) { return match.position === position; })) {
          matches.push({ position: position, factor: self.folded[position] === joined ? 1 : PREFIX_FACTOR });
        }
      });
    });
    return matches;
  });
};

function weight(bits) {
  for (var i = 0; i < WEIGHTS.length; i++) {
    if (bits & WEIGHTS[i][0]) {
      return WEIGHTS[i][1];
    }
  }
  return 0;
}

// The pages found, best first: [{page, score, entries: [entry...]}], and
// for each term and entry, its score there and the word it matched
// (this.scores, this.found).
Index.prototype.rank = function (terms, matches) {
  var self = this;
  var count = this.docs.length;
  var touched = [];
  var seen = new Uint8Array(count);
  var scores = terms.map(function () { return new Float64Array(count); });
  var found = terms.map(function () { return new Int32Array(count).fill(-1); });
  terms.forEach(function (term, t) {
    var termScores = scores[t];
    var termFound = found[t];
    matches[t].forEach(function (match) {
      var holders = self.holders(match.position);
      var base = self.idf(match.position) * match.factor;
      for (var i = 0; i < holders.entries.length; i++) {
        var entry = holders.entries[i];
        var score = weight(holders.bits[i]) * base;
        if (score > termScores[entry]) {
          termScores[entry] = score;
          termFound[entry] = match.position;
        }
        if (!seen[entry]) {
          seen[entry] = 1;
          touched.push(entry);
        }
      }
    });
  });
  this.scores = scores;
  this.found = found;
  this.matches = matches;
  // A page weighs its best section for each term, and a little of the
  // others that hold it too.
  var pages = new Map();
  touched.sort(function (a, b) { return a - b; });
  touched.forEach(function (entry) {
    var page = self.pageOf[entry];
    var result = pages.get(page);
    if (!result) {
      result = { page: page, best: new Float64Array(terms.length), sum: new Float64Array(terms.length), entries: [] };
      pages.set(page, result);
    }
    result.entries.push(entry);
    for (var t = 0; t < terms.length; t++) {
      var score = scores[t][entry];
      result.sum[t] += score;
      if (score > result.best[t]) {
        result.best[t] = score;
      }
    }
  });
  var wanted = terms.filter(function (term) { return !term.excluded; }).length;
  var results = [];
  pages.forEach(function (result) {
    var held = 0;
    var sum = 0;
    for (var t = 0; t < terms.length; t++) {
      var has = result.best[t] > 0;
      if ((terms[t].excluded && has) || (terms[t].required && !has)) {
        return;
      }
      if (has && !terms[t].excluded) {
        held += 1;
        sum += result.best[t] + SPREAD_FACTOR * (result.sum[t] - result.best[t]);
      }
    }
    if (!held) {
      return;
    }
    // As Material does: the pages that hold all the words first.
    var share = 1 + held / wanted;
    result.score = sum * (1 + share * share);
    results.push(result);
  });
  results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  return results;
};

Index.prototype.search = function (query, approximate) {
  var terms = this.parse(query);
  if (!terms.length) {
    return { terms: terms, results: [] };
  }
  var matches = this.match(terms, approximate);
  return { terms: terms, matches: matches, results: this.rank(terms, matches) };
};

// Answer ---------------------------------------------------------------------

// The words (as written in the pages) each term found in ENTRIES, fewest
// that Material's highlighting needs: it marks every word that starts with
// one of them; a term found nowhere there is listed as not found. Without
// MARKED (results far down the list), only the word that weighed most.
Index.prototype.foundTerms = function (terms, entries, marked) {
  var self = this;
  var map = {};
  terms.forEach(function (term, t) {
    if (term.excluded) {
      return;
    }
    var words = new Set();
    entries.forEach(function (entry) {
      var position = self.found[t][entry];
      if (position >= 0) {
        words.add(self.words[position]);
      }
    });
    // The other words the term matched there too, when it matched few:
    // all of them are highlighted on the page.
    var matches = self.matches[t];
    if (marked && words.size && matches.length <= MATCHES_LISTED) {
      matches.forEach(function (match) {
        var held = self.holders(match.position).entries;
        if (entries.some(function (entry) { return holds(held, entry); })) {
          words.add(self.words[match.position]);
        }
      });
    }
    var kept = [];
    Array.from(words).sort().forEach(function (word) {
      if (!kept.some(function (shorter) { return word.startsWith(shorter); })) {
        kept.push(word);
      }
    });
    if (kept.length) {
      kept.slice(0, MARK_WORDS_PER_TERM).forEach(function (word) { map[word] = true; });
    } else {
      map[term.typed] = false;
    }
  });
  return map;
};

// HTML of the index (escaped text, a few tags) with the words MATCHED
// (folded) in <mark>. Its text is marked as it is, escaped: a word with an
// escaped character in it (R&amp;D) is not marked, which spares unescaping
// and escaping again every text of every result.
Index.prototype.markHtml = function (html, matched) {
  var pieces = this.pieces(html);
  var out = "";
  for (var i = 0; i < pieces.length; i += 2) {
    out += pieces[i];
    if (i + 1 < pieces.length) {
      var word = pieces[i + 1];
      out += matched.has(word[1]) ? "<mark>" + word[0] + "</mark>" : word[0];
    }
  }
  return out;
};

// HTML cut into what is never marked (tags, spaces, punctuation) and words
// [as written, folded], alternately; kept for the next query.
Index.prototype.pieces = function (html) {
  html = String(html || "");
  var known = this.cut.get(html);
  if (known) {
    return known;
  }
  var splitter = this.splitter;
  var pieces = [];
  var pending = "";
  html.split(/(<[^>]*>)/).forEach(function (part, number) {
    if (number % 2) {
      pending += part;
      return;
    }
    part.split(splitter).forEach(function (piece, index) {
      if (index % 2) {
        pending += piece;
        return;
      }
      var core = piece.replace(ENDS, "");
      var start = piece.indexOf(core);
      // Never inside an escaped character (&amp;, &#39;).
      if (!core || /[&#]$/.test(piece.slice(0, start))) {
        pending += piece;
        return;
      }
      pieces.push(pending + piece.slice(0, start), [core, fold(core)]);
      pending = piece.slice(start + core.length);
    });
  });
  pieces.push(pending);
  if (this.cut.size > 4 * this.docs.length + 1000) {
    this.cut.clear();
  }
  this.cut.set(html, pieces);
  return pieces;
};

// The part of a SECTION's text (escaped, without tags) that holds the
// most different words MATCHED, about PASSAGE_LENGTH characters from the
// start of a sentence or a word: {text, count}, or null if it holds none.
Index.prototype.passage = function (section, matched) {
  var text = section.text;
  var hits = [];
  for (var i = 0; i < section.words.length; i++) {
    if (matched.has(section.words[i])) {
      hits.push({ at: section.at[i], word: section.words[i] });
    }
  }
  if (!hits.length) {
    return null;
  }
  // The window that holds the most different words, the first of equals.
  var counts = new Map();
  var left = 0;
  var best = 0;
  var bestCount = 0;
  for (var right = 0; right < hits.length; right++) {
    counts.set(hits[right].word, (counts.get(hits[right].word) || 0) + 1);
    while (hits[right].at - hits[left].at > PASSAGE_LENGTH - PASSAGE_LEAD) {
      var count = counts.get(hits[left].word) - 1;
      if (count) {
        counts.set(hits[left].word, count);
      } else {
        counts.delete(hits[left].word);
      }
      left += 1;
    }
    if (counts.size > bestCount) {
      bestCount = counts.size;
      best = left;
    }
  }
  var at = hits[best].at;
  var before = text.slice(Math.max(0, at - SENTENCE_LOOKBACK), at);
  var sentence = /[.!?…]["»”)]?\s+(?=[^.!?…]*$)/.exec(before);
  var start;
  if (sentence) {
    start = at - before.length + sentence.index + sentence[0].length;
  } else if (at <= SENTENCE_LOOKBACK) {
    start = 0;
  } else {
    var space = text.indexOf(" ", at - PASSAGE_LEAD);
    start = space >= 0 && space < at ? space + 1 : at;
    while (start < at && !/[\p{L}\p{N}«"(\[&]/u.test(text[start])) {
      start += 1;
    }
  }
  var end = Math.min(text.length, start + PASSAGE_LENGTH);
  if (end < text.length) {
    var cut = text.lastIndexOf(" ", end);
    end = cut > at ? cut : end;
  }
  // Never ends inside an escaped character (&amp;).
  var shown = text.slice(start, end).replace(/&[#a-zA-Z0-9]*$/, "").trim();
  return { text: (start > 0 ? "… " : "") + shown + (end < text.length ? " …" : ""), count: bestCount };
};

// A section's text cut into its words, kept for the next queries: {text,
// at, words (folded)}, words as markHtml finds them.
Index.prototype.wordsOf = function (text) {
  var known = this.sections.get(text);
  if (known) {
    return known;
  }
  if (this.sections.size > 2000) {
    this.sections.clear();
  }
  known = this.cutWords(text);
  this.sections.set(text, known);
  return known;
};

Index.prototype.cutWords = function (text) {
  if (this.wordPattern) {
    var found = { text: text, at: [], words: [] };
    var pattern = this.wordPattern;
    pattern.lastIndex = 0;
    for (var match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (!/[&#]$/.test(text.slice(Math.max(0, match.index - 1), match.index))) {
        found.at.push(match.index);
        found.words.push(fold(match[0]));
      }
    }
    return found;
  }
  var pieces = text.split(this.splitter);
  var at = [];
  var words = [];
  var offset = 0;
  for (var i = 0; i < pieces.length; i++) {
    if (i % 2 === 0) {
      var core = pieces[i].replace(ENDS, "");
      var start = pieces[i].indexOf(core);
      if (core && !/[&#]$/.test(pieces[i].slice(0, start))) {
        at.push(offset + start);
        words.push(fold(core));
      }
    }
    offset += pieces[i].length;
  }
  return { text: text, at: at, words: words };
};

// The sections of a page, from its file of passages (a promise of a
// Map(location -> text), or of null).
Index.prototype.passages = function (page) {
  var self = this;
  var number = this.docs[page].page;
  if (!this.passagesBase || typeof number !== "number") {
    return Promise.resolve(null);
  }
  var file = this.passageFiles.get(number);
  if (!file) {
    file = fetch(new URL(number + ".json", this.passagesBase).href)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (sections) {
        var texts = new Map();
        (Array.isArray(sections) ? sections : []).forEach(function (section) {
          if (Array.isArray(section) && typeof section[1] === "string") {
            texts.set(section[0], section[1]);
          }
        });
        return texts;
      })
      .catch(function () { return null; })
      .then(function (texts) {
        self.passageTexts.set(number, texts);
        return texts;
      });
    this.passageFiles.set(number, file);
  }
  return file;
};

// The answer Material shows: groups of entries, the page's own first.
// {answer, later}: LATER, if not null, promises the same answer with the
// passages whose files were not at hand (or null if they came too late).
Index.prototype.answer = function (found) {
  var self = this;
  var terms = found.terms;
  var results = found.results;
  var matched = new Set();
  (found.matches || []).forEach(function (positions, t) {
    if (!terms[t].excluded) {
      positions.forEach(function (match) { matched.add(self.folded[match.position]); });
    }
  });
  var wanted = Math.max(1, terms.filter(function (term) { return !term.excluded; }).length);
  var groups = results.map(function (result, rank) {
    // Beyond the results a reader scrolls through, words are not marked:
    // on thousands of results, marking them all would delay the answer.
    var marked = rank < MARKED_PAGES ? matched : null;
    var group = [self.entry(result.page, result.score, self.foundTerms(terms, result.entries, marked), marked)];
    var sections = [];
    result.entries.forEach(function (entry) {
      if (entry === result.page) {
        return;
      }
      var held = 0;
      var sum = 0;
      terms.forEach(function (term, t) {
        if (!term.excluded && self.scores[t][entry] > 0) {
          held += 1;
          sum += self.scores[t][entry];
        }
      });
      if (held) {
        var share = held / wanted;
        sections.push(self.entry(entry, sum * (1 + share * share), self.foundTerms(terms, [entry], marked), marked));
      }
    });
    sections.sort(function (a, b) { return b.score - a.score; });
    group.push.apply(group, sections);
    return group;
  });
  var answer = { items: groups };
  if (this.options.suggest) {
    answer.suggest = this.suggest(terms, found.matches || []);
  }
  if (!groups.length || !this.passagesBase) {
    return { answer: answer, later: null };
  }
  // The passages of the pages whose file is at hand go in at once; the
  // others when their files arrive, in a second answer.
  var waiting = [];
  results.slice(0, PASSAGE_PAGES).forEach(function (result, number) {
    var texts = self.passageTexts.get(self.docs[result.page].page);
    if (texts) {
      self.addPassages(groups[number], texts, matched);
    } else if (texts === undefined) {
      waiting.push(self.passages(result.page).then(function (arrived) {
        if (arrived) {
          self.addPassages(groups[number], arrived, matched);
        }
      }));
    }
  });
  if (!waiting.length) {
    return { answer: answer, later: null };
  }
  var late = new Promise(function (resolve) { setTimeout(resolve, PASSAGE_LATE, "late"); });
  var later = Promise.race([Promise.all(waiting), late]).then(function (outcome) {
    return outcome === "late" ? null : answer;
  });
  return { answer: answer, later: later };
};

Index.prototype.entry = function (number, score, terms, matched) {
  var doc = this.docs[number];
  // An entry that holds none of the words (a page found by its sections)
  // has none to mark.
  var held = matched && this.found.some(function (found) { return found[number] >= 0; });
  var entry = {
    location: doc.location,
    title: held ? this.markHtml(doc.title, matched) : doc.title,
    text: held ? this.markHtml(doc.text, matched) : doc.text,
    score: score,
    terms: terms
  };
  if (Array.isArray(doc.tags) && doc.tags.length) {
    entry.tags = doc.tags.slice();
  }
  return entry;
};

// Each entry of GROUP shows the passage of its text that holds the words;
// the page's own entry, the best of all its sections' passages.
Index.prototype.addPassages = function (group, texts, matched) {
  var self = this;
  var best = null;
  // The group holds every section of the page that holds a word.
  group.forEach(function (entry, number) {
    var text = texts.get(entry.location);
    var passage = typeof text === "string" && self.passage(self.wordsOf(text), matched);
    if (!passage) {
      return;
    }
    if (number > 0) {
      entry.text = "<p>" + self.markHtml(passage.text, matched) + "</p>";
    }
    if (!best || passage.count > best.count) {
      best = passage;
    }
  });
  if (best) {
    group[0].text = "<p>" + self.markHtml(best.text, matched) + "</p>";
  }
};

// What the passages of results further down need: the words matched, and
// each page found (its location -> its entry).
Index.prototype.remember = function (number, found, answer) {
  var self = this;
  var matched = new Set();
  (found.matches || []).forEach(function (positions, t) {
    if (!found.terms[t].excluded) {
      positions.forEach(function (match) { matched.add(self.folded[match.position]); });
    }
  });
  var pages = new Map();
  found.results.forEach(function (result) {
    pages.set(self.docs[result.page].location.split("#")[0], result.page);
  });
  this.shown = { number: number, matched: matched, pages: pages };
};

// Words of titles completing the last word typed, the likeliest last.
Index.prototype.suggest = function (terms, matches) {
  var last = terms.length - 1;
  if (last < 0 || terms[last].excluded || !matches[last]) {
    return [];
  }
  var self = this;
  var best = null;
  var bestCount = 0;
  matches[last].forEach(function (match) {
    var count = 0;
    var bits = self.holders(match.position).bits;
    for (var i = 0; i < bits.length; i++) {
      count += bits[i] & IN_TITLE ? 1 : 0;
    }
    if (count > bestCount) {
      best = self.words[match.position];
      bestCount = count;
    }
  });
  return best ? [best] : [];
};

// Messages -------------------------------------------------------------------

// The answer to QUERY ({answer, later}, as Index.answer), or null when a
// newer query is waiting: this one's answer would be stale at once.
function ask(query, number) {
  if (number !== latest) {
    return null;
  }
  if (!index) {
    return { answer: { items: [] }, later: null };
  }
  var found = index.search(query, false);
  var approximate = false;
  if (!found.results.length && !SYNTAX.test(query) && found.terms.some(function (term) { return allowedEdits(term.word) > 0; })) {
    var retry = index.search(query, true);
    if (retry.results.length) {
      found = retry;
      approximate = true;
    }
  }
  var asked = index.answer(found);
  if (approximate) {
    asked.answer.approximate = true;
  }
  asked.answer.number = number;
  index.remember(number, found, asked.answer);
  return asked;
}

// The passages of results further down, asked by search.js as Material
// shows them: {number (of the answer), groups: [[location, ...], ...]}.
function askPassages(request) {
  var shown = index && index.shown;
  if (!shown || !request || request.number !== shown.number || !Array.isArray(request.groups)) {
    return Promise.resolve(null);
  }
  var groups = request.groups.slice(0, PASSAGE_PAGES).map(function (locations) {
    return (Array.isArray(locations) ? locations : []).filter(function (location) {
      return typeof location === "string" && shown.pages.has(location.split("#")[0]);
    }).map(function (location) {
      return { location: location, text: null };
    });
  }).filter(function (group) { return group.length; });
  return Promise.all(groups.map(function (group) {
    return index.passages(shown.pages.get(group[0].location.split("#")[0])).then(function (texts) {
      if (texts) {
        index.addPassages(group, texts, shown.matched);
      }
    });
  })).then(function () {
    var passages = {};
    groups.forEach(function (group) {
      group.forEach(function (entry) {
        if (entry.text) {
          passages[entry.location] = entry.text;
        }
      });
    });
    return { number: shown.number, passages: passages };
  });
}

// While the reader types a first word: the titles and openings cut into
// words, a slice at a time so that a query never waits long for it.
function warm(current, start) {
  if (current !== index || start >= current.docs.length) {
    return;
  }
  var end = Math.min(current.docs.length, start + 200);
  for (var i = start; i < end; i++) {
    current.pieces(current.docs[i].title);
    current.pieces(current.docs[i].text);
  }
  setTimeout(function () { warm(current, end); }, 0);
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type === SETUP) {
    try {
      index = new Index(message.data || {});
    } catch (error) {
      console.warn("Recherche indisponible : " + error.message);
      index = null;
    }
    self.postMessage({ type: READY });
    if (index) {
      warm(index, 0);
    }
  } else if (message.type === PASSAGES) {
    askPassages(message.data).then(function (answer) {
      if (answer && index && index.shown && answer.number === index.shown.number) {
        self.postMessage({ type: PASSAGES_FOUND, data: answer });
      }
    }).catch(function (error) {
      console.warn("Recherche : passages : " + error.message);
    });
  } else if (message.type === QUERY) {
    var query = String(message.data || "");
    var number = ++latest;
    pending = pending.then(function () {
      var asked = ask(query, number);
      if (!asked) {
        return;
      }
      // Marked as partial when the passages follow: Material shows the
      // second answer in place of the first.
      asked.answer.partial = Boolean(asked.later);
      self.postMessage({ type: RESULT, data: asked.answer });
      if (asked.later) {
        asked.later.then(function (answer) {
          if (answer && number === latest) {
            answer.partial = false;
            self.postMessage({ type: RESULT, data: answer });
          }
        });
      }
    }).catch(function (error) {
      console.warn("Recherche : « " + query + " » : " + error.message);
      self.postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
