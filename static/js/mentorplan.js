// Small helpers every page may use. No inline script anywhere: the Content-Security-Policy forbids it.
"use strict";

document.documentElement.classList.add("js");

// A button or form marked data-confirm asks once before it is sent.
document.addEventListener("submit", (event) => {
  const source = (event.submitter && event.submitter.dataset.confirm) ? event.submitter : event.target;
  const message = source.dataset && source.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// The one beforeSwap rule for focus. When htmx replaces the part of the page that holds the
// keyboard focus, put the focus back on the same control in the new content (or, failing that, on
// the new part itself), so keyboard and screen-reader users keep their place instead of starting
// again at the top of the page.
(function () {
  let lost = null;

  document.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    const active = document.activeElement;
    lost = null;
    if (!target || !target.id || !active || active === document.body || !target.contains(active)) return;
    lost = { target: target.id, id: active.id, name: active.getAttribute("name"), value: active.getAttribute("value") };
  });

  document.addEventListener("htmx:afterSettle", () => {
    if (!lost) return;
    const place = lost;
    lost = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const target = document.getElementById(place.target);
    if (!target) return;
    let control = place.id ? document.getElementById(place.id) : null;
    if (!control && place.name) {
      const candidates = target.querySelectorAll('[name="' + CSS.escape(place.name) + '"]');
      control = Array.from(candidates).find((el) => el.getAttribute("value") === place.value && !el.disabled) || null;
    }
    if (!control || !target.contains(control)) {
      control = target;
      if (!control.hasAttribute("tabindex")) control.setAttribute("tabindex", "-1");
    }
    control.focus({ preventScroll: true });
  });
})();
