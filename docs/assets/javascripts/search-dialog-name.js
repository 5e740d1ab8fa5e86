/*
 * Material's search box is a dialog without a name (axe: aria-dialog-name),
 * so screen readers announce "dialog" and nothing more. Name it after the
 * search field's own label, as soon as the page is parsed.
 */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role='dialog']");
  var field = document.querySelector(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (field && field.getAttribute("aria-label")) || "Rechercher");
  }
});
