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
 * proches » follows the count of results. As Material shows more results
 * on scroll, it asks the worker for their passages and puts them in place
 * of the sections' openings.
 *
 * All this script knows of Material is here, and tests/test_internals.py
 * checks it against Material's scripts at each upgrade:
 * - the bundle creates the search worker with `new Worker(url)`, url ending
 *   in workers/search.<hash>.min.js;
 * - the worker's answers are {type: 3, data: {items}};
 * - Material writes the count in `.md-search-result__meta` while it
 *   receives the answer;
 * - results are `li` items of `.md-search-result__list`, ten first, more as
 *   the list scrolls; each entry is an `a.md-search-result__link` to
 *   new URL(location, config.base) (base: the JSON of #__config), holding
 *   an `article` with the title (h1, h2), the text as HTML, then
 *   `nav.md-tags` and `.md-search-result__terms`;
 * - messages of other types than Material's own are ignored by its bundle.
 */
(function () {
  "use strict";

  var RESULT = 3;
  var PASSAGES = 100;
  var PASSAGES_FOUND = 101;
  // Results whose passages come with the answer; the others are asked for
  // as Material shows them.
  var PASSAGE_PAGES = 10;
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

  // The site's address, as Material makes results' links from it.
  function siteBase() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base, window.location.href);
    } catch (error) {
      return null;
    }
  }

  // The location (as in the index) a result's link leads to.
  function locationOf(link, base) {
    var url = new URL(link.href, window.location.href);
    if (url.origin !== base.origin || url.pathname.indexOf(base.pathname) !== 0) {
      return null;
    }
    return url.pathname.slice(base.pathname.length) + url.hash;
  }

  // Passages for the results Material adds as the reader scrolls: asked
  // of the worker, then put in place of the sections' openings.
  function showPassagesOnScroll(worker) {
    var base = siteBase();
    var answer = null;
    var asked = new Set();
    var pending = null;
    if (!base || window.location.protocol === "file:") {
      return;
    }

    function links(item) {
      return Array.prototype.slice.call(item.querySelectorAll("a.md-search-result__link"));
    }

    function ask() {
      pending = null;
      var list = document.querySelector(".md-search-result__list");
      if (!list || answer === null) {
        return;
      }
      var groups = [];
      Array.prototype.slice.call(list.children, PASSAGE_PAGES).forEach(function (item) {
        if (asked.has(item)) {
          return;
        }
        asked.add(item);
        var locations = links(item).map(function (link) { return locationOf(link, base); }).filter(Boolean);
        if (locations.length) {
          groups.push(locations);
        }
      });
      for (var start = 0; start < groups.length; start += PASSAGE_PAGES) {
        worker.postMessage({ type: PASSAGES, data: { number: answer, groups: groups.slice(start, start + PASSAGE_PAGES) } });
      }
    }

    function show(passages) {
      var list = document.querySelector(".md-search-result__list");
      if (!list) {
        return;
      }
      Array.prototype.slice.call(list.children, PASSAGE_PAGES).forEach(function (item) {
        links(item).forEach(function (link) {
          var html = passages[locationOf(link, base)];
          var heading = link.querySelector("article > h1, article > h2");
          if (typeof html !== "string" || !heading) {
            return;
          }
          // Material's opening sits between the title and the topics.
          var node = heading.nextSibling;
          while (node && !(node.matches && node.matches("nav.md-tags, .md-search-result__terms"))) {
            var next = node.nextSibling;
            node.remove();
            node = next;
          }
          heading.insertAdjacentHTML("afterend", html);
        });
      });
    }

    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (message && message.type === RESULT && message.data) {
        answer = typeof message.data.number === "number" ? message.data.number : null;
        asked = new Set();
      } else if (message && message.type === PASSAGES_FOUND && message.data && message.data.number === answer) {
        show(message.data.passages || {});
      }
    });
    // The list of results only: the rest of the page is none of its business.
    var list = document.querySelector(".md-search-result__list");
    if (list) {
      new MutationObserver(function () {
        if (!pending) {
          pending = window.setTimeout(ask, 50);
        }
      }).observe(list, { childList: true });
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
      showPassagesOnScroll(worker);
    }
    return worker;
  }
  SearchWorker.prototype = Base.prototype;
  window.Worker = SearchWorker;
})();
