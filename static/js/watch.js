// A planned session's page reloads itself once a co-mentor starts the session elsewhere.
"use strict";

(function () {
  const watched = document.querySelector("[data-watch-state]");
  if (!watched) return;
  const timer = window.setInterval(async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(watched.dataset.watchState, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (!response.ok) return;
      const state = await response.json();
      if (state.status !== watched.dataset.status) window.location.reload();
    } catch (error) {
      // Offline for a moment: look again on the next beat.
    }
  }, 5000);
  // Once this page sends a form (the start button) the browser is already on its way: no reload.
  document.addEventListener("submit", () => window.clearInterval(timer));
  window.addEventListener("pagehide", () => window.clearInterval(timer));
})();
