// "Sharing my screen": while it is on, this device shows only what is shared with trainees.
// The rule itself is one line of CSS (see [data-share-scope] in mentorplan.css); this file only
// remembers the choice and puts the .sharing class on <html>.
//
// The file loads without `defer`, so the class is set before the page is first drawn and nothing
// that is not shared flashes onto a shared screen while a new page loads.
"use strict";

(function () {
  const KEY = "mentorplan:sharing";
  let remembered = false; // for this page only, where the browser blocks local storage

  function on() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return remembered; }
  }

  function apply() {
    const sharing = on();
    document.documentElement.classList.toggle("sharing", sharing);
    document.querySelectorAll("[data-share-toggle]").forEach((button) => {
      button.setAttribute("aria-pressed", sharing ? "true" : "false");
    });
  }

  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-share-toggle]")) return;
    remembered = !on();
    try { localStorage.setItem(KEY, remembered ? "1" : "0"); } catch (e) { /* storage blocked */ }
    apply();
  });
  // Another tab of this browser switched it: follow, so no tab keeps showing what it should not.
  window.addEventListener("storage", (event) => { if (event.key === KEY) apply(); });
  // New content from htmx (a redraw of the runner, a panel) brings its own toggle button.
  document.addEventListener("htmx:load", apply);
  document.addEventListener("DOMContentLoaded", apply);
  apply();
})();
