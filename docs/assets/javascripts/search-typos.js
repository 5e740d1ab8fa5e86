/*
 * Search that forgives typos: a query that finds nothing is asked again with
 * each word of 5 letters or more allowed one wrong letter (two from 9
 * letters on), and the result line says the results are approximate.
 *
 * Material's search runs in a worker that answers each query in turn; lunr,
 * its engine, reads `mot~1` as "mot, give or take one letter added, removed,
 * replaced, or two neighbours swapped". This script, loaded before Material's
 * bundle, wraps the worker the bundle creates: an empty answer is held back
 * and the approximate query asked in its place; its answer reaches Material
 * as if it were the first, and « résultats pour des mots proches » follows
 * the count of results. Exact queries, and the words typed without accents
 * or with an elision they find, are left as they are.
 *
 * All this script knows of Material is here, and tests/test_internals.py
 * checks it against Material's scripts at each upgrade:
 * - the worker's messages: {type: 0, data: {config}} sets up the index (the
 *   config holds the word separator), {type: 2, data: query} asks,
 *   {type: 3, data: {items}} answers, in the order asked;
 * - Material passes `mot~1` through to lunr, and marks found words in the
 *   results with <mark>;
 * - an answer's items are lists of documents whose `terms` map each query
 *   word to whether it was found: Material lists the others as « Non
 *   trouvé », and links to the page with the found ones highlighted (?h=);
 * - Material writes the count in `.md-search-result__meta` while it
 *   receives the answer.
 */
(function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var NOTICE = "résultats pour des mots proches";
  // Query syntax a reader typed on purpose (+mot, mot*, "une phrase"...):
  // such a query is not second-guessed.
  var SYNTAX = /[*~^:+"]|(?:^|\s)-/;
  var ENDS = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var MARK = /<mark>([^<]*)<\/mark>/g;

  var Base = window.Worker;
  if (typeof Base !== "function") {
    return;
  }

  // Letters a word may have wrong: none below 5 letters (too many words
  // are one letter away from a short one), 1 from 5, 2 from 9.
  function edits(word) {
    var length = Array.from(word).length;
    return length >= 9 ? 2 : length >= 5 ? 1 : 0;
  }

  // The query with its long words made approximate, or null if none is.
  function approximate(query, separator) {
    if (SYNTAX.test(query)) {
      return null;
    }
    var fuzzy = false;
    var words = [];
    query.split(separator).forEach(function (piece) {
      var word = piece.replace(ENDS, "");
      if (!word) {
        return;
      }
      var allowed = edits(word);
      fuzzy = fuzzy || allowed > 0;
      words.push(allowed ? word + "~" + allowed : word);
    });
    return fuzzy ? words.join(" ") : null;
  }

  // The words an approximate result was found by, as Material marks them:
  // the page opened from it highlights them, and no typed word is listed
  // as « Non trouvé » (none was found as typed).
  function foundWords(doc) {
    var terms = {};
    [doc.title, doc.text].forEach(function (field) {
      String(field || "").replace(MARK, function (_, word) {
        terms[word.toLowerCase()] = true;
        return "";
      });
    });
    return terms;
  }

  function showNotice() {
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) {
      var notice = document.createElement("span");
      notice.className = "search-approximate";
      notice.textContent = " — " + NOTICE;
      meta.appendChild(notice);
    }
  }

  function watch(worker) {
    var separator = /\s+/;
    var asked = [];
    var latest = null;
    var forwarded = new WeakSet();
    var post = worker.postMessage;

    worker.postMessage = function (message) {
      if (message && message.type === SETUP && message.data && message.data.config) {
        try {
          separator = new RegExp("\\s+|" + message.data.config.separator);
        } catch (error) {
          separator = /\s+/;
        }
      } else if (message && message.type === QUERY) {
        latest = message.data;
        asked.push({ query: message.data, approximate: false });
      }
      return post.apply(worker, arguments);
    };

    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (forwarded.has(event) || !message || message.type !== RESULT || !asked.length) {
        return;
      }
      var items = (message.data && message.data.items) || [];
      var question = asked.shift();
      if (question.approximate) {
        event.stopImmediatePropagation();
        // A newer query was asked since: its own answer follows.
        if (question.query !== latest) {
          return;
        }
        items.forEach(function (group) {
          group.forEach(function (doc) {
            doc.terms = foundWords(doc);
          });
        });
        var copy = new MessageEvent("message", { data: message });
        forwarded.add(copy);
        worker.dispatchEvent(copy);
        if (items.length) {
          showNotice();
        }
        return;
      }
      if (items.length || question.query !== latest || typeof question.query !== "string") {
        return;
      }
      var retry = approximate(question.query, separator);
      if (retry) {
        event.stopImmediatePropagation();
        asked.push({ query: question.query, approximate: true });
        post.call(worker, { type: QUERY, data: retry });
      }
    });
  }

  function SearchWorker(url, options) {
    var worker = new Base(url, options);
    watch(worker);
    return worker;
  }
  SearchWorker.prototype = Base.prototype;
  window.Worker = SearchWorker;
})();
