// "Sharing my screen": hides every private note on this device until switched off again, so a
// mentor who shares the runner with trainees never shows them what was written for the mentor only.
"use strict";

(function () {
  const KEY = "mentorplan:sharing";

  function on() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function apply() {
    const sharing = on();
    document.documentElement.classList.toggle("sharing", sharing);
    document.querySelectorAll("[data-share-toggle]").forEach((button) => {
      button.setAttribute("aria-pressed", sharing ? "true" : "false");
      button.textContent = sharing ? "Sharing my screen: private notes hidden (show them)" : "Sharing my screen: hide private notes";
    });
  }

  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-share-toggle]")) return;
    try { localStorage.setItem(KEY, on() ? "0" : "1"); } catch (e) { /* storage blocked */ }
    apply();
  });
  apply();
  htmx.onLoad(apply);
})();
