// The trainee's page. During a call it keeps the live parts up to date: every few seconds it
// asks the server, with the ETag of what is shown, whether anything changed (unchanged costs a
// 304), and swaps in the parts that did. A part the trainee is typing in is left alone until
// they send it. Between updates the segment's clock counts on from the server's figures, and a
// screen reader hears it at a few moments only. Between calls it only watches for the start.
//
// Reads #room-live (data-poll-url, data-etag, data-mode) and #room-now (data-server-now,
// data-remaining, data-running, data-segment). Also gives a goal being typed its SMART advice.
import { clockText } from "./clock-text.js";

const root = () => document.getElementById("room-live");
let skew = null; // server clock minus this device's clock, in ms
let base = null;
let announced = new Set();

function dirty(part) {
  if (part.contains(document.activeElement) && document.activeElement.matches("input, textarea, select")) return true;
  return Array.from(part.querySelectorAll("input, textarea")).some((field) =>
    (field.type === "radio" || field.type === "checkbox") ? field.checked !== field.defaultChecked
      : field.type !== "hidden" && field.value !== field.defaultValue);
}

function readClock() {
  const now = document.getElementById("room-now");
  if (!now) { base = null; return; }
  const serverNow = Number(now.dataset.serverNow);
  if (skew === null) skew = serverNow - Date.now();
  const segment = now.dataset.segment;
  if (!base || base.segment !== segment) announced = new Set();
  base = { el: now, serverNow: serverNow, remaining: Number(now.dataset.remaining),
           running: now.dataset.running === "true", segment: segment };
}

function tick() {
  if (!base || !base.el.isConnected) return;
  const passed = base.running ? (Date.now() + skew - base.serverNow) / 1000 : 0;
  const remaining = base.remaining - passed;
  const countdown = base.el.querySelector("[data-countdown]");
  const label = base.el.querySelector("[data-countdown-label]");
  if (countdown) countdown.textContent = clockText(remaining);
  if (label) label.textContent = remaining < 0 ? "over" : "left";
  base.el.classList.toggle("is-over", remaining < 0);
  if (!base.running) return;
  for (const [mark, text] of [[60, "1 minute left for "], [0, "Time is up for "]]) {
    if (remaining <= mark && remaining > mark - 5 && !announced.has(mark)) {
      announced.add(mark);
      const region = base.el.querySelector("[data-announce]");
      if (region) region.textContent = text + base.segment + ".";
    }
  }
}

function swap(html, sent, received) {
  const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("room-live");
  const shown = root();
  if (!fresh || !shown) return;
  if (fresh.dataset.mode !== shown.dataset.mode) { window.location.reload(); return; }
  shown.dataset.etag = fresh.dataset.etag;
  for (const part of fresh.querySelectorAll("[data-part]")) {
    const old = document.getElementById(part.id);
    if (!old) { window.location.reload(); return; }
    // A part being typed in stays; sending it brings the page up to date anyway.
    if (!dirty(old)) old.replaceWith(document.adoptNode(part));
  }
  const now = document.getElementById("room-now");
  if (now) skew = Number(now.dataset.serverNow) - (sent + received) / 2;
  readClock();
  tick();
}

async function poll() {
  const live = root();
  if (!live) return;
  if (!document.hidden) {
    const sent = Date.now();
    try {
      const response = await fetch(live.dataset.pollUrl, {
        headers: { "If-None-Match": live.dataset.etag }, cache: "no-store", credentials: "same-origin",
      });
      if (response.status === 404) { window.location.reload(); return; } // the link was closed
      if (response.ok) swap(await response.text(), sent, Date.now());
    } catch (error) {
      // Offline for a moment: the clock counts on; try again on the next beat.
    }
  }
  window.setTimeout(poll, 1000 * Number(live.dataset.pollSeconds || 10));
}

// The SMART advice under a goal being typed, as on the mentor's screen.
let adviceTimer = null;
document.addEventListener("input", (event) => {
  const form = event.target.form;
  if (!form || !form.dataset.smartUrl) return;
  window.clearTimeout(adviceTimer);
  adviceTimer = window.setTimeout(async () => {
    try {
      const response = await fetch(form.dataset.smartUrl, { method: "POST", body: new FormData(form), credentials: "same-origin" });
      const box = form.querySelector("[data-smart-box]");
      if (response.ok && box) box.innerHTML = await response.text();
    } catch (error) {
      // No advice this time; the goal can still be sent.
    }
  }, 500);
});

readClock();
tick();
window.setInterval(tick, 1000);
document.addEventListener("visibilitychange", () => { if (!document.hidden) readClock(); });
if (root()) window.setTimeout(poll, 1000 * Number(root().dataset.pollSeconds || 10));
