/*
 * Fetch the search index when a reader first opens search, not on every page.
 *
 * Material requests search/search_index.json as soon as a page loads; with
 * a thousand articles that is the heaviest file of the site, downloaded by
 * readers who only came to read. This script, loaded before Material's
 * bundle, holds that one request back until the reader reaches for search:
 * focus on the search field, a click on the search button, the keyboard
 * shortcuts (s, f, /), or a page opened from a search result (?h=...).
 * A reader who has searched once in this tab gets it on the next pages as
 * they load (from the browser's cache): search is ready when they reach
 * for it again.
 */
(function () {
  "use strict";

  // Opened from the file system (the pull-request preview), Material loads
  // the index inlined in search/search_index.js by a script tag, never by
  // this request: there is nothing to hold back.
  if (window.location.protocol === "file:") {
    return;
  }

  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var requested = false;
  var waiting = [];

  var USED = "search-used";

  function request() {
    if (requested) {
      return;
    }
    requested = true;
    try {
      window.sessionStorage.setItem(USED, "1");
    } catch (error) {
      // Storage refused (private browsing, settings): the next pages wait
      // for the reader, as the first did.
    }
    waiting.splice(0).forEach(function (send) { send(); });
  }

  function usedBefore() {
    try {
      return window.sessionStorage.getItem(USED) === "1";
    } catch (error) {
      return false;
    }
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchOnDemandUrl = String(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!requested && INDEX.test(request.searchOnDemandUrl || "")) {
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };

  if (/[?&](?:h|q)=/.test(window.location.search) || usedBefore()) {
    request();
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) {
      request();
    }
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("label[for='__search'], .md-search")) {
      request();
    }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "s" || event.key === "f" || event.key === "/") {
      request();
    }
  }, true);
})();
