// Every screen of a live session shows the same state. Every few seconds this module asks the
// server for the session's version (a conditional request: nothing changed costs a 304) and, when
// the server has a newer one than the runner on screen, redraws the runner through htmx.
//
// Reads: the runner's data-version, data-state-url and data-refresh-url, and the X-Session-Version
// header the server puts on every runner page and redraw. Sends: "runner:server-time" with the
// difference between the server's clock and this device's, for clock.js, and "runner:state" with
// each new state it reads.
//
// The rest of what the runner shows (what trainees send, what a co-mentor does in a tool) has a
// version of its own, the room's. A part of the runner that draws such changes names its module
// and the room version it shows (data-room-module, data-room-version); the module listens to
// "runner:state". A runner without it (no trainee has a link yet) fetches it when the room first
// moves on, and tells it the newest room version through the runner's data-room-seen. A tool's
// own answer names the room version it left (X-Room-Version): when that is the one right after
// the version shown, the change was this screen's alone and is on screen already, so the part
// takes the new version and nothing is fetched or drawn again for it ("runner:own-room").
const POLL_MS = 3000;
const TYPING_PAUSE_MS = 1500; // this long without a keystroke, and the writer has stopped typing
const VERSION_HEADER = "X-Session-Version";
const ROOM_HEADER = "X-Room-Version";
let etag = null;
let poller = null;
let latest = null; // the newest version the server has told of
let typedAt = 0;

function shownVersion() {
  const runner = document.getElementById("runner");
  return runner ? Number(runner.dataset.version) : null;
}

async function poll() {
  const runner = document.getElementById("runner");
  if (!runner || document.hidden) return;
  const sent = Date.now();
  try {
    const headers = { "Accept": "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    const response = await fetch(runner.dataset.stateUrl, { headers: headers, cache: "no-store" });
    if (response.ok) {
      etag = response.headers.get("ETag");
      const state = await response.json();
      const received = Date.now();
      const skew = state.server_now - (sent + received) / 2;
      document.dispatchEvent(new CustomEvent("runner:server-time", { detail: { skew: skew } }));
      // The whole state, for modules that follow more than the live state (room-runner.js).
      runner.dataset.roomSeen = state.room;
      document.dispatchEvent(new CustomEvent("runner:state", { detail: state }));
      for (const part of runner.querySelectorAll("[data-room-module]")) {
        if (Number(state.room) > Number(part.dataset.roomVersion)) import(part.dataset.roomModule).catch(() => {});
      }
      latest = Number(state.version);
    } else if (response.status !== 304) {
      return;
    }
    // Versions only grow: an answer that left before this screen's own change landed is older
    // than what is shown, and redrawing from it would throw away what the mentor is typing. A
    // redraw that waited for the typing to stop is asked for again on a later beat.
    if (latest !== null && latest > shownVersion()) {
      htmx.ajax("GET", runner.dataset.refreshUrl, { target: "#runner", swap: "outerHTML" });
    }
  } catch (error) {
    // Offline for a moment: the clock keeps counting locally; try again on the next beat.
  }
}

// The one beforeSwap rule for runner redraws. A poll can see this screen's own change (a jump, a
// pause) a moment before htmx has drawn it; the redraw it asks for then brings nothing newer.
// Swap a redrawn runner in only when its version is newer than the one shown, so a redraw never
// throws away what the mentor has just typed. A button's own answer (a POST) always shows.
//
// A redraw that would take away the field being typed in (the session moved to another part)
// waits until the typing stops; a redraw that keeps the field (more time, a pause) goes ahead and
// leaves the field as it is (see mentorplan.js).
function takesAwayTyping(html) {
  const field = document.activeElement;
  const runner = document.getElementById("runner");
  if (!field || !field.id || !runner || !runner.contains(field) || !field.matches("textarea, input")) return false;
  if (Date.now() - typedAt > TYPING_PAUSE_MS) return false;
  return typeof html === "string" && !html.includes('id="' + field.id + '"');
}

document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.target.id !== "runner") return;
  if (event.detail.requestConfig && event.detail.requestConfig.verb !== "get") return;
  const version = event.detail.xhr.getResponseHeader(VERSION_HEADER);
  const shown = shownVersion();
  if (version !== null && shown !== null && Number(version) <= shown) event.detail.shouldSwap = false;
  else if (takesAwayTyping(event.detail.serverResponse)) event.detail.shouldSwap = false;
});

document.addEventListener("htmx:afterRequest", (event) => {
  const room = event.detail.successful ? event.detail.xhr.getResponseHeader(ROOM_HEADER) : null;
  if (room === null) return;
  for (const part of document.querySelectorAll("#runner [data-room-module]")) {
    if (Number(room) === Number(part.dataset.roomVersion) + 1) part.dataset.roomVersion = room;
  }
  document.dispatchEvent(new CustomEvent("runner:own-room", { detail: { room: Number(room) } }));
});

document.addEventListener("input", (event) => {
  const runner = document.getElementById("runner");
  if (runner && runner.contains(event.target)) typedAt = Date.now();
}, true);

htmx.onLoad((root) => {
  const runner = root.id === "runner" ? root : root.querySelector && root.querySelector("#runner");
  if (!runner) return;
  etag = null; // a new runner: the next answer is a full one, which also measures the clock again
  latest = null;
  if (!poller) poller = window.setInterval(poll, POLL_MS);
});
document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
