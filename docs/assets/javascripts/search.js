/*
 * Search answered by this site's worker (search-worker.js, next to this
 * file) instead of Material's: ready as soon as the index is read, typos
 * forgiven, the passage that holds the words shown. Material's search box,
 * results, keyboard shortcuts and look stay as they are.
 *
 * Loaded before Material's bundle starts, this script wraps `Worker`: when
 * the bundle creates its search worker (assets/javascripts/workers/search.*.js),
 * it gets this site's. When an answer is approximate (nothing was found as
 * typed, words a letter or two away were), « résultats pour des mots
 * proches » follows the count of results.
 *
 * All this script knows of Material is here, and tests/test_internals.py
 * checks it against Material's scripts at each upgrade:
 * - the bundle creates the search worker with `new Worker(url)`, url ending
 *   in workers/search.<hash>.min.js;
 * - the worker's answers are {type: 3, data: {items}};
 * - Material writes the count in `.md-search-result__meta` while it
 *   receives the answer.
 */
(function () {
  "use strict";

  var RESULT = 3;
  var NOTICE = "résultats pour des mots proches";
  var MATERIAL_WORKER = /(?:^|\/)workers\/search\.[^/]*\.js(?:[?#].*)?$/;

  var Base = window.Worker;
  var script = document.currentScript;
  if (typeof Base !== "function" || !script) {
    return;
  }
  var OWN_WORKER = new URL("search-worker.js", script.src).href;

  function showNotice() {
    var meta = document.querySelector(".md-search-result__meta");
    if (meta && !meta.querySelector(".search-approximate")) {
      var notice = document.createElement("span");
      notice.className = "search-approximate";
      notice.textContent = " — " + NOTICE;
      meta.appendChild(notice);
    }
  }

  function SearchWorker(url, options) {
    var own = MATERIAL_WORKER.test(String(url));
    var worker = new Base(own ? OWN_WORKER : url, options);
    if (own) {
      // After Material's own listener has written the count.
      worker.addEventListener("message", function (event) {
        var message = event.data;
        if (message && message.type === RESULT && message.data && message.data.approximate) {
          window.setTimeout(showNotice, 0);
        }
      });
    }
    return worker;
  }
  SearchWorker.prototype = Base.prototype;
  window.Worker = SearchWorker;
})();
