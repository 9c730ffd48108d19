// The live session clock. The server stores facts (when the call started, pauses, when the current
// segment began); this script only counts between server updates, corrected for the difference
// between this device's clock and the server's, and polls so every screen shows the same state.
"use strict";

(function () {
  const POLL_MS = 3000;
  let skew = 0; // server clock minus this device's clock, in ms
  let measured = false; // skew came from a poll's round trip rather than from reading the page
  let base = null; // the state as rendered, with the moment it was true
  let announced = new Set();
  let timer = null;
  let poller = null;
  let etag = null;

  function fmt(seconds) {
    const s = Math.abs(Math.round(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = String(s % 60).padStart(2, "0");
    return (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + sec;
  }

  function read(runner) {
    const d = runner.dataset;
    const serverNow = Number(d.serverNow);
    // Until a poll has measured the skew, take the page's render time as "now" (it is at most
    // the page's transfer time old).
    if (!measured) skew = serverNow - Date.now();
    base = {
      runner: runner,
      serverNow: serverNow,
      active: Number(d.active),
      length: Number(d.length),
      remaining: Number(d.remaining),
      running: d.running === "true",
      segment: d.segment,
      version: d.version,
    };
  }

  function elapsedSinceRender() {
    if (!base.running) return 0;
    return (Date.now() + skew - base.serverNow) / 1000;
  }

  function announce(text) {
    const region = base.runner.querySelector("[data-announce]");
    if (region) region.textContent = text;
  }

  function thresholds(remaining) {
    // Spoken at a few moments only, never every second.
    const marks = [[300, "5 minutes left for " + base.segment + "."],
                   [60, "1 minute left for " + base.segment + "."],
                   [0, "Time is up for " + base.segment + "."]];
    for (const [mark, text] of marks) {
      if (remaining <= mark && remaining > mark - 5 && !announced.has(mark)) {
        announced.add(mark);
        announce(text);
      }
    }
    if (remaining < 0) {
      const over = Math.floor(-remaining / 300) * 5;
      if (over > 0 && !announced.has(-over)) {
        announced.add(-over);
        announce(base.segment + " is " + over + " minutes over time.");
      }
    }
  }

  function overrunText(template, remaining, left) {
    // The sentence comes from the server (Clock.overrun_template) with two blanks: the time over
    // as the countdown shows it, and the whole minutes left for the rest, rounded down.
    return template.replace("{left}", String(Math.floor(left / 60)))
                   .replace("{over}", fmt(-remaining));
  }

  function tick() {
    if (!base || !document.body.contains(base.runner)) return;
    const passed = elapsedSinceRender();
    const remaining = base.remaining - passed;
    const active = base.active + passed;
    const left = Math.max(0, base.length - active);
    const r = base.runner;
    const countdown = r.querySelector("[data-countdown]");
    const label = r.querySelector("[data-countdown-label]");
    const overrun = r.querySelector("[data-overrun]");
    const current = r.querySelector(".current");
    if (countdown) countdown.textContent = fmt(remaining);
    if (label) label.textContent = remaining < 0 ? "over" : "left";
    if (current) current.classList.toggle("is-over", remaining < 0);
    if (overrun) {
      overrun.hidden = remaining >= 0;
      if (remaining < 0) overrun.textContent = overrunText(overrun.dataset.template, remaining, left);
    }
    const clock = r.querySelector("[data-clock=active]");
    if (clock) clock.textContent = fmt(active);
    const progress = r.querySelector("[data-progress]");
    if (progress && base.length) progress.value = Math.min(100, Math.round(100 * active / base.length));
    if (base.running) thresholds(remaining);
  }

  function refresh() {
    const r = base.runner;
    if (window.MentorplanNotes) window.MentorplanNotes.flush();
    htmx.ajax("GET", r.dataset.refreshUrl, { target: "#runner", swap: "outerHTML" });
  }

  // A poll can see this screen's own change (a jump, a pause) a moment before htmx has drawn it;
  // the redraw it asks for then brings nothing newer. Swap a runner in only when it is newer
  // than the one shown, so a redraw never throws away what the mentor has just typed.
  document.addEventListener("htmx:beforeSwap", (event) => {
    if (!base || event.detail.target.id !== "runner") return;
    if (event.detail.requestConfig && event.detail.requestConfig.verb !== "get") return;
    const found = /data-version="(\d+)"/.exec(event.detail.serverResponse || "");
    const shown = document.getElementById("runner");
    if (found && shown && Number(found[1]) <= Number(shown.dataset.version)) event.detail.shouldSwap = false;
  });

  async function poll() {
    if (!base || document.hidden) return;
    const sent = Date.now();
    try {
      const headers = { "Accept": "application/json" };
      if (etag) headers["If-None-Match"] = etag;
      const response = await fetch(base.runner.dataset.stateUrl, { headers: headers, cache: "no-store" });
      if (response.status === 304) return;
      if (!response.ok) return;
      etag = response.headers.get("ETag");
      const state = await response.json();
      const received = Date.now();
      skew = state.server_now - (sent + received) / 2;
      measured = true;
      // Versions only grow: an answer that left before this screen's own change landed is older
      // than what is shown, and redrawing from it would throw away what the mentor is typing.
      if (Number(state.version) > Number(base.version)) refresh();
    } catch (error) {
      // Offline for a moment: keep counting locally and try again on the next beat.
    }
  }

  function init(root) {
    const runner = root.id === "runner" ? root : root.querySelector && root.querySelector("#runner");
    if (!runner) return;
    const previousSegment = base && base.segment;
    read(runner);
    if (previousSegment !== base.segment) announced = new Set();
    etag = null;
    tick();
    if (!timer) timer = window.setInterval(tick, 500);
    if (!poller) poller = window.setInterval(poll, POLL_MS);
    runner.dataset.ready = "true"; // the clock runs and the keys work from here on
  }

  function shortcut(event) {
    if (!base || event.defaultPrevented || event.repeat) return; // a held key acts once
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return; // typing
    if (event.key === " " && target.closest("button, a, summary")) return; // Space presses that control
    const map = { " ": "toggle", "n": "next", "N": "next", "ArrowRight": "next",
                  "p": "previous", "P": "previous", "ArrowLeft": "previous" };
    const name = map[event.key];
    if (!name) return;
    const button = document.querySelector('#runner [data-shortcut="' + name + '"]');
    if (!button || button.disabled) return;
    event.preventDefault();
    press(name, 10);
  }

  function press(name, tries) {
    // Just after an htmx swap the new runner is in the page but not set up yet (htmx wires its
    // forms a moment later, then init runs): wait for it instead of clicking a stale button.
    const runner = document.getElementById("runner");
    if (runner && runner !== base.runner && tries > 0) {
      window.setTimeout(() => press(name, tries - 1), 30);
      return;
    }
    const button = runner && runner.querySelector('[data-shortcut="' + name + '"]');
    if (button && !button.disabled) button.click();
  }

  document.addEventListener("keydown", shortcut);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
  htmx.onLoad(init);
})();
