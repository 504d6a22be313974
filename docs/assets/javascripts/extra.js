// Material draws the menu and small-screen search buttons as <label for="…">
// elements, which keyboards skip and ARIA cannot call buttons. Swap each for a
// real <button> that clicks the same hidden checkbox: reachable with Tab,
// pressed with Enter or Space, saying whether it is open. Escape closes the menu.
// Written into every page by hooks/sitebuild/finish/site.py, as a module script
// (mkdocs.yml), so it runs after Material's deferred bundle.
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

  // On a phone the search button opens a full-screen panel but left the focus
  // on the button, under the panel: typing went nowhere. Opening search by any
  // means puts the focus in its field; Escape closes it (Material's own key
  // handler, on window, runs after this one on document) and gives the focus
  // back to the button, where the reader was.
  function focusSearchWhenOpened() {
    var toggle = document.getElementById("__search");
    var field = document.querySelector(".md-search__input");
    if (!toggle || !field) return;
    toggle.addEventListener("change", function () {
      if (toggle.checked && !document.querySelector(".md-search").contains(document.activeElement)) field.focus();
    });
  }

  function returnFocusFromSearch(event) {
    var toggle = document.getElementById("__search");
    var button = document.querySelector('button.md-header__button[for="__search"]');
    if (event.key !== "Escape" || !toggle || !toggle.checked || !button || !button.offsetWidth) return;
    button.focus();
  }

  function swapLabels() {
    Object.keys(NAMES).forEach(function (id) {
      document.querySelectorAll('label.md-header__button[for="' + id + '"]').forEach(asButton);
    });
  }

  // Glossary terms (<abbr title>, from includes/glossary.md) show their meaning
  // on hover and on tap, in body-size text. Material's content.tooltips did this
  // by wiring up every titled element while the page loaded, a fifth of its
  // start-up work; these few listeners wait for the reader.
  var tip = document.createElement("div");
  tip.id = "glossary-tip";
  tip.className = "glossary-tip";
  tip.setAttribute("role", "tooltip");
  var shownTerm = null;
  var shownWidth = 0;
  var hideTimer = 0;

  function showMeaning(term) {
    clearTimeout(hideTimer);
    if (term === shownTerm) return;
    hideMeaning();
    shownTerm = term;
    tip.textContent = term.title;
    // While ours shows, the browser's own title tooltip would cover it.
    term.setAttribute("data-meaning", term.title);
    term.removeAttribute("title");
    term.setAttribute("aria-describedby", tip.id);
    document.body.appendChild(tip);
    var box = term.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.min(box.left + (box.width - width) / 2, document.documentElement.clientWidth - 16 - width);
    tip.style.left = Math.max(16, left) + scrollX + "px";
    tip.style.top = box.bottom + scrollY + 8 + "px";
    shownWidth = innerWidth;
  }

  function hideMeaning() {
    clearTimeout(hideTimer);
    if (!shownTerm) return;
    shownTerm.title = shownTerm.getAttribute("data-meaning");
    shownTerm.removeAttribute("data-meaning");
    shownTerm.removeAttribute("aria-describedby");
    tip.remove();
    shownTerm = null;
  }

  // A short grace period lets the pointer move onto the meaning to read or select it.
  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideMeaning, 300);
  }

  function watchTerms() {
    document.querySelectorAll(".md-content abbr[title]").forEach(function (term) {
      // Listeners on the term itself: iOS sends taps only to elements that listen.
      term.addEventListener("mouseenter", function () { showMeaning(term); });
      term.addEventListener("mouseleave", hideSoon);
      term.addEventListener("click", function () { showMeaning(term); });
    });
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", hideSoon);
  }

  function hideOnTapElsewhere(event) {
    if (shownTerm && !shownTerm.contains(event.target) && !tip.contains(event.target)) hideMeaning();
  }

  // Colours change at once when the reader switches palette, instead of every
  // element fading. Material's palette stylesheet did this with a rule that made
  // every page load restyle the whole page twice; this class is set only on a
  // switch, before Material's own change handler (capture phase) restyles the page.
  function switchColoursAtOnce(event) {
    if (!(event.target instanceof Element) || !event.target.matches('input[name="__palette"]')) return;
    var root = document.documentElement;
    root.classList.add("palette-switching");
    setTimeout(function () { root.classList.remove("palette-switching"); }, 0);
  }

  document.addEventListener("keydown", function (event) {
    closeMenuOnEscape(event);
    returnFocusFromSearch(event);
    if (event.key === "Escape") hideMeaning();
  });
  document.addEventListener("click", hideOnTapElsewhere);
  document.addEventListener("change", switchColoursAtOnce, true);
  // Phones fire resize while scrolling (the address bar); only a new width moves the term.
  window.addEventListener("resize", function () {
    if (innerWidth !== shownWidth) hideMeaning();
  });
  // After Material's own DOMContentLoaded work: its listeners were added first.
  document.addEventListener("DOMContentLoaded", function () {
    swapLabels();
    focusSearchWhenOpened();
    watchTerms();
  });
})();
