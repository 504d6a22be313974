// Material draws the menu and small-screen search buttons as <label for="…">
// elements, which keyboards skip and ARIA cannot call buttons. Swap each for a
// real <button> that clicks the same hidden checkbox: reachable with Tab,
// pressed with Enter or Space, saying whether it is open. Escape closes the menu.
// Written into every page by hooks/inline_assets.py.
(function () {
  "use strict";

  var NAMES = {
    __drawer: "Open the navigation menu",
    __search: "Open search"
  };

  function asButton(label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    // Material's CSS shows and hides these buttons by their [for] attribute.
    button.setAttribute("for", label.htmlFor);
    button.setAttribute("aria-label", NAMES[label.htmlFor]);
    button.setAttribute("aria-expanded", String(toggle.checked));
    while (label.firstChild) button.appendChild(label.firstChild);
    button.addEventListener("click", function () {
      toggle.click();
    });
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    label.replaceWith(button);
  }

  function closeMenuOnEscape(event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.click();
    var button = document.querySelector('button.md-header__button[for="__drawer"]');
    if (button) button.focus();
  }

  function swapLabels() {
    Object.keys(NAMES).forEach(function (id) {
      document.querySelectorAll('label.md-header__button[for="' + id + '"]').forEach(asButton);
    });
  }

  document.addEventListener("keydown", closeMenuOnEscape);
  // After Material's deferred bundle has run, as deferred scripts run before this event.
  document.addEventListener("DOMContentLoaded", swapLabels);
})();
