// On the mentor's runner: the trainee room's part (who is here, raised hands) and the segment's
// tool follow what trainees send and what co-mentors do in the tool. poll.js tells of the room's
// version with each state it reads ("runner:state", and the runner's data-room-seen for a module
// it fetched late); when it moved on, this module redraws the room part and the tool, asked of
// the runner's address with ?part=room, unless the mentor has unsent text in the tool (then it
// waits until they send it). While someone is in the room, the room part is also read again
// every 15 s, so whoever closed their page leaves the list; an empty room is not read again, as
// a trainee who arrives moves the room's version. A tool drawn again keeps the boxes the mentor
// had opened, and the mentor's own change in a tool, already on screen, draws nothing again
// ("runner:own-room").
const PANEL_MS = 15000;
let waiting = false; // the tool has news it could not show yet
let drawn = null; // the room version the tool was drawn at

const panel = () => document.getElementById("room-panel");

function unsent(part) {
  if (part.contains(document.activeElement) && document.activeElement.matches("input, textarea, select")) return true;
  return Array.from(part.querySelectorAll("input, textarea")).some((field) =>
    (field.type === "radio" || field.type === "checkbox") ? field.checked !== field.defaultChecked
      : field.type !== "hidden" && field.value !== field.defaultValue);
}

function put(old, fresh) {
  if (!old || !fresh) return;
  for (const box of old.querySelectorAll("details[open][id]")) {
    const same = fresh.querySelector("details#" + CSS.escape(box.id));
    if (same) same.open = true;
  }
  old.replaceWith(fresh);
  htmx.process(fresh);
}

async function redraw() {
  const runner = document.getElementById("runner");
  if (!runner) return;
  // Only the room's panel and the tool: the clock, the notes and the agenda did not change.
  const address = new URL(runner.dataset.refreshUrl, location.href);
  address.searchParams.set("part", "room");
  const response = await fetch(address, { headers: { "HX-Request": "true" }, cache: "no-store" });
  if (!response.ok) return;
  const html = await response.text();
  // A runner of another version than the one shown now (a move may have been drawn while this
  // was on its way) is poll.js's to draw, whole.
  const shown = document.getElementById("runner");
  if (!shown || response.headers.get("X-Session-Version") !== shown.dataset.version) return;
  const page = new DOMParser().parseFromString(html, "text/html");
  const fresh = page.getElementById("room-panel");
  // The screen's own change, answered while this was on its way, showed it already.
  if (!waiting && fresh && Number(fresh.dataset.roomVersion) <= drawn) return;
  put(panel(), fresh);
  const tool = document.getElementById("tool");
  waiting = Boolean(tool && unsent(tool));
  if (!waiting) {
    put(tool, page.getElementById("tool"));
    if (fresh) drawn = Number(fresh.dataset.roomVersion);
  }
}

document.addEventListener("runner:own-room", (event) => {
  if (drawn !== null && event.detail.room === drawn + 1) drawn = event.detail.room;
});

document.addEventListener("runner:state", (event) => {
  if (!panel()) return;
  if (waiting || Number(event.detail.room) > drawn) redraw().catch(() => {});
});

htmx.onLoad((root) => {
  // The whole runner drawn afresh (a move, a pause, the first load) shows the room as it is.
  if (root.id === "runner" || (root.querySelector && root.querySelector("#runner"))) {
    const shown = panel();
    drawn = shown ? Number(shown.dataset.roomVersion) : null;
    waiting = false;
  }
});

window.setInterval(async () => {
  const shown = panel();
  if (!shown || document.hidden) return;
  if (waiting) { redraw().catch(() => {}); return; }
  if (!shown.dataset.module) return; // no trainee has a link: nobody can come or go
  if (shown.dataset.present === "0") return; // nobody here to leave
  try {
    const response = await fetch(shown.dataset.panelUrl, { cache: "no-store" });
    if (response.ok) put(panel(), new DOMParser().parseFromString(await response.text(), "text/html").getElementById("room-panel"));
  } catch (error) {
    // Offline for a moment: try again later.
  }
}, PANEL_MS);
drawn = panel() ? Number(panel().dataset.roomVersion) : null;
// Fetched by poll.js because the room moved on: draw what moved.
const seen = document.getElementById("runner");
if (drawn !== null && seen && Number(seen.dataset.roomSeen) > drawn) redraw().catch(() => {});
