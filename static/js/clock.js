// The live session clock. The server renders the clock's text and stores the facts (when the call
// started, pauses, when the current segment began); this module only counts on from what the
// runner (#runner) says between server updates, corrected for the difference between this
// device's clock and the server's.
//
// Reads: the runner's data attributes, and the "runner:server-time" event poll.js sends with the
// difference it measured. Writes: the countdown, call time, progress, overrun sentence and the
// screen reader's announcements inside the runner, and "Session paused" or "Session resumed" in
// the polite status region beside it (data-status-said) when a redraw brings a new status.
import { clockText } from "./clock-text.js";

let skew = 0; // server clock minus this device's clock, in ms
let measured = false; // skew came from a poll's round trip rather than from reading the page
let base = null; // the runner as rendered, with the moment it was true
let announced = new Set();
let timer = null;
let status = null; // the session's status as last shown

function read(runner) {
  const d = runner.dataset;
  const serverNow = Number(d.serverNow);
  // Until a poll has measured the skew, take the page's render time as "now" (it is at most the
  // page's transfer time old).
  if (!measured) skew = serverNow - Date.now();
  return {
    runner: runner,
    serverNow: serverNow,
    active: Number(d.active),
    length: Number(d.length),
    remaining: Number(d.remaining),
    running: d.running === "true",
    segment: d.segment,
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
  // The sentence comes from the server (Clock.overrun_template) with two blanks: the time over as
  // the countdown shows it, and the whole minutes left for the rest, rounded down.
  return template.replace("{left}", String(Math.floor(left / 60)))
                 .replace("{over}", clockText(-remaining));
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
  if (countdown) countdown.textContent = clockText(remaining);
  if (label) label.textContent = remaining < 0 ? "over" : "left";
  if (current) current.classList.toggle("is-over", remaining < 0);
  if (overrun) {
    overrun.hidden = remaining >= 0;
    if (remaining < 0) overrun.textContent = overrunText(overrun.dataset.template, remaining, left);
  }
  const clock = r.querySelector("[data-clock=active]");
  if (clock) clock.textContent = clockText(active);
  const progress = r.querySelector("[data-progress]");
  if (progress && base.length) progress.value = Math.min(100, Math.round(100 * active / base.length));
  if (base.running) thresholds(remaining);
}

function sayStatus(runner) {
  // Said once, when the status changes on this screen (this mentor's button, a co-mentor's, or a
  // key), never on a reload. The region outside the runner outlives the redraw, so it is heard.
  const now = runner.dataset.status;
  const region = document.querySelector("[data-status-said]");
  if (status && now !== status && region && region.dataset[now]) region.textContent = region.dataset[now];
  status = now;
}

function init(root) {
  const runner = root.id === "runner" ? root : root.querySelector && root.querySelector("#runner");
  if (!runner) return;
  sayStatus(runner);
  const previousSegment = base && base.segment;
  base = read(runner);
  if (previousSegment !== base.segment) announced = new Set();
  tick();
  if (!timer) timer = window.setInterval(tick, 500);
}

document.addEventListener("runner:server-time", (event) => {
  skew = event.detail.skew;
  measured = true;
});
htmx.onLoad(init);
