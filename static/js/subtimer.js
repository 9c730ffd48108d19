// A small countdown inside a segment, such as the three-minute retro per trainee. It lives only
// in this browser: nothing about it needs to survive a reload.
"use strict";

(function () {
  function fmt(s) { return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0"); }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-subtimer]");
    if (!button) return;
    const output = document.getElementById(button.getAttribute("aria-describedby"));
    if (!output) return;
    window.clearInterval(Number(button.dataset.timerId || 0));
    const end = Date.now() + Number(button.dataset.subtimer) * 1000;
    const step = () => {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      output.textContent = left ? fmt(left) : "Time's up";
      if (!left) window.clearInterval(Number(button.dataset.timerId));
    };
    step();
    button.dataset.timerId = String(window.setInterval(step, 1000));
    button.textContent = "Restart 3 min";
  });
})();
