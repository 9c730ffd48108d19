// Small helpers every page may use. No inline script anywhere: the Content-Security-Policy forbids it.
"use strict";

document.documentElement.classList.add("js");

// Modules that only some parts of a page need (autosave.js for the forms that save as they are
// typed, subtimer.js for the retro's timers, room-runner.js for the trainee room's part of the
// runner) are named where that part is drawn: data-module="{% static 'js/….js' %}". Each one
// named is imported once: on the first load, and when an htmx swap brings a part that needs it.
// A module loaded this way sets itself up for what is already on the page.
//
// A part also marked data-module-on="typing" (the forms that save themselves) gets its module
// only once someone goes into it, or when drafts.js finds a draft of it waiting on this device
// ("mentorplan:wanted"): a mentor who only watches never downloads it, and until it comes,
// drafts.js keeps what is typed.
(function () {
  const imported = new Map(); // url -> the import on its way or done
  const failures = new Map(); // url -> how many times it could not be fetched
  const wanted = new Set(); // urls of modules on typing that a part has asked for
  const FIELDS = "textarea, select, input:not([type=submit], [type=button], [type=hidden])";

  function importFor(element) {
    const url = element.dataset.module;
    if (!imported.has(url)) {
      // Offline: forgotten, and tried again when the connection is back or a swap names it.
      // A browser remembers a module it could not fetch, so a new try asks for a new address.
      const tries = failures.get(url) || 0;
      const address = tries ? `${url}?try=${tries}` : url;
      imported.set(url, import(address).catch((error) => {
        imported.delete(url);
        failures.set(url, tries + 1);
        // The connection may have come back while this try was still on its way, after the
        // "online" event: try again shortly, a few times.
        if (navigator.onLine && tries < 3) window.setTimeout(() => load(document), 3000);
        throw error;
      }));
    }
    // Marks the part once its module is there (what a test waits for before typing).
    imported.get(url).then(() => { element.dataset.moduleLoaded = ""; }, () => {});
  }

  function load(root) {
    const named = root.querySelectorAll ? Array.from(root.querySelectorAll("[data-module]")) : [];
    if (root.matches && root.matches("[data-module]")) named.push(root);
    for (const element of named) {
      if (!element.dataset.moduleOn || wanted.has(element.dataset.module)) importFor(element);
    }
  }

  function ask(event) {
    // Someone goes into a field (pressing a button is not typing) of a part marked to get its
    // module then.
    const target = event.target;
    const part = target.closest && target.closest("[data-module-on]");
    if (!part || (event.type !== "mentorplan:wanted" && !target.matches(FIELDS))) return;
    const url = part.dataset.module;
    if (wanted.has(url) && imported.has(url)) return; // on its way or here: not on every key
    wanted.add(url);
    load(document);
  }

  load(document);
  document.addEventListener("htmx:load", (event) => load(event.detail.elt));
  window.addEventListener("online", () => load(document));
  for (const type of ["focusin", "input", "change", "mentorplan:wanted"]) {
    document.addEventListener(type, ask, true);
  }
})();

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
//
// A text field someone is typing in is never replaced at all: when the new content has a field
// with the same id, that field is kept as it is (hx-preserve), with its text, caret and selection,
// and only what is around it is redrawn. A co-mentor's click that redraws the runner then cannot
// move the caret or drop a keystroke. The one exception is the field's own form being sent: its
// answer is what the writer asked to see.
(function () {
  const TYPING = "textarea, input:not([type]), input[type=text], input[type=search], input[type=email], input[type=url], input[type=tel], input[type=number]";
  let lost = null;
  let kept = null;

  function escaped(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function ownForm(event, field) {
    const source = event.detail.requestConfig && event.detail.requestConfig.elt;
    return Boolean(source && field.form && (source === field.form || field.form.contains(source)));
  }

  function keep(event, field) {
    const html = event.detail.serverResponse;
    if (typeof html !== "string" || !field.id || !field.matches(TYPING) || ownForm(event, field)) return;
    const same = new RegExp('(\\sid="' + escaped(field.id) + '")');
    if (!same.test(html)) return;
    event.detail.serverResponse = html.replace(same, "$1 hx-preserve");
    kept = field;
  }

  document.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    const active = document.activeElement;
    lost = null;
    kept = null;
    if (!target || !target.id || !active || active === document.body || !target.contains(active)) return;
    keep(event, active);
    lost = { target: target.id, id: active.id, name: active.getAttribute("name"), value: active.getAttribute("value") };
  });

  document.addEventListener("htmx:afterSwap", () => {
    // The kept field is the same element, so it still holds its caret and selection; should the
    // browser have let go of the focus while moving it, give it straight back.
    if (kept && kept.isConnected && document.activeElement !== kept) kept.focus({ preventScroll: true });
    kept = null;
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
