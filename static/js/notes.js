// Notes that save themselves. Every keystroke is kept on this device first (drafts.js), then sent
// after a short pause; if the network drops, the draft waits and is sent when it returns. This
// module comes when the writer first goes into a note; drafts.js keeps what is typed until then.
//
// Each note form carries the version its text is based on (input[name=version]), so a co-mentor's
// edit is never overwritten silently: the server answers a save on an old version with 409 and a
// partial (templates/calls/includes/conflict.html, the one every form shows) with their text and
// three choices. This module puts that partial under the note and acts on the choice; while it is
// there, nothing is sent. Texts are compared with every line break as LF, as the server keeps them
// (browsers send CR LF).
//
// A redraw keeps the note being typed in where it is (see mentorplan.js); the note then goes on in
// the redrawn form, still on the version its text is based on.
import { OFFLINE, clearDraft, handled, keepNote, loadDraft, plain } from "./drafts.js";

const DELAY_MS = 700;
const RETRY_MS = 5000;
const CHOOSE = "Not saved yet: choose which text to keep.";
const notes = new Map(); // textarea -> its autosave
const known = new Map(); // draft key -> the last text and version this page saved, to survive redraws

function same(one, other) {
  return plain(one) === plain(other);
}

function both(theirs, mine) {
  // Each text once: a text the other already holds is not repeated.
  if (!theirs.trim() || same(theirs, mine)) return mine;
  if (!mine.trim()) return theirs;
  return theirs + "\n\n" + mine;
}

function bytes(text) {
  return new TextEncoder().encode(text).length;
}

function show(note, text, kind) {
  note.status.textContent = text;
  note.status.dataset.kind = kind || "";
}

function versionInput(note) {
  return note.form.querySelector("input[name=version]");
}

function openChoice(note) {
  return note.form.querySelector("[data-conflict]");
}

function keepDraft(note) {
  // While a choice is open the version is still the one the writer's text was typed on, so a
  // reload sends it on that version and the server asks again.
  keepNote(note.area, versionInput(note));
}

async function send(note) {
  window.clearTimeout(note.timer);
  note.timer = null;
  if (openChoice(note)) return; // the writer chooses first
  if (note.sending) { note.again = true; return; }
  const body = note.area.value;
  if (same(body, note.saved)) {
    // Typed and undone: the server already has this text.
    clearDraft(note.key);
    if (note.status.dataset.kind !== "saved") show(note, "Saved", "saved");
    return;
  }
  note.sending = true;
  show(note, "Saving…");
  const data = new FormData(note.form);
  data.set("body", body);
  try {
    const response = await fetch(note.form.action, {
      // keepalive lets a save started as the page goes away finish; browsers cap it at 64 KiB.
      method: "POST", body: data, credentials: "same-origin", keepalive: bytes(body) < 60000,
      headers: { "X-CSRFToken": data.get("csrfmiddlewaretoken"), "Accept": "application/json, text/html;q=0.9" },
    });
    if (response.ok) {
      const result = await response.json();
      versionInput(note).value = result.version;
      note.saved = body;
      // What the server has, as a field's default says: a part redrawn now shows the same text
      // (room-runner.js redraws only parts with nothing unsent).
      if (note.area.value === body) note.area.defaultValue = body;
      known.set(note.key, { version: result.version, body: body });
      if (note.area.value === body) clearDraft(note.key); else keepDraft(note);
      show(note, "Saved " + result.saved_at, "saved");
    } else if (response.status === 409 && conflict(note, await response.text())) {
      // The writer chooses; conflict() has said so.
    } else if (response.status === 400) {
      const result = await response.json().catch(() => ({}));
      show(note, result.error || "This note could not be saved.", "error");
    } else {
      // Logged out, or the server failed: keep the text here and try again shortly.
      show(note, response.status === 403
        ? "Not saved: you may have been logged out. Log in again in another tab; this text is kept on this device."
        : "Not saved yet: the server did not accept it. Kept on this device; trying again shortly.", "error");
      note.timer = window.setTimeout(() => send(note), RETRY_MS);
    }
  } catch (error) {
    show(note, OFFLINE, "offline");
    note.timer = window.setTimeout(() => send(note), RETRY_MS);
  } finally {
    note.sending = false;
    if (note.again) { note.again = false; schedule(note); }
  }
}

function conflict(note, html) {
  // Someone else saved first: show the server's partial (their text and the choices) under the
  // note. Returns false when the answer holds no such partial.
  const template = document.createElement("template");
  template.innerHTML = html;
  const choice = template.content.querySelector("[data-conflict]");
  if (!choice) return false;
  const theirs = choice.querySelector("[data-their-text]").textContent;
  note.saved = theirs;
  if (same(theirs, note.area.value)) {
    // The same text landed already (a save sent as the page unloaded, say): nothing to choose.
    versionInput(note).value = choice.dataset.version;
    clearDraft(note.key);
    show(note, "Saved", "saved");
    return true;
  }
  const open = openChoice(note);
  if (open) open.replaceWith(choice); else note.form.append(choice);
  keepDraft(note);
  show(note, CHOOSE, "error");
  return true;
}

function choose(note, button) {
  const choice = button.closest("[data-conflict]");
  const theirs = choice.querySelector("[data-their-text]").textContent;
  versionInput(note).value = choice.dataset.version; // what is saved next goes on top of theirs
  choice.remove();
  note.area.focus({ preventScroll: true });
  const picked = button.dataset.conflictChoice;
  if (picked === "theirs") {
    note.area.value = theirs;
    clearDraft(note.key);
    show(note, "Saved", "saved");
    return;
  }
  if (picked === "both") note.area.value = both(theirs, note.area.value);
  send(note);
}

function schedule(note) {
  keepDraft(note);
  if (openChoice(note)) { show(note, CHOOSE, "error"); return; }
  show(note, "Typing…");
  window.clearTimeout(note.timer);
  note.timer = window.setTimeout(() => send(note), DELAY_MS);
}

function follow(note, form) {
  // The textarea was kept through a redraw and now sits in a new form: carry over the version its
  // text is based on, what the writer was told, and an open choice.
  const version = versionInput(note).value;
  const said = note.status;
  const open = openChoice(note);
  note.form = form;
  handled.add(form);
  versionInput(note).value = version;
  note.status = form.querySelector("[data-save-state]");
  show(note, said.textContent, said.dataset.kind);
  if (open) form.append(open);
  form.addEventListener("submit", (event) => { event.preventDefault(); send(note); });
}

function attach(form) {
  const area = form.querySelector("textarea");
  if (!area) return;
  if (notes.has(area)) {
    const note = notes.get(area);
    if (note.form !== form) follow(note, form);
    return;
  }
  // What the server has is its own values (defaultValue), not what the browser may have restored
  // into the form on a reload or what was typed before this script ran. Text typed before is left
  // where it is, caret and all: the writer may still be typing.
  const version = form.querySelector("input[name=version]");
  const typedEarly = area.value !== area.defaultValue;
  let saved = area.defaultValue;
  version.value = version.defaultValue;
  const mine = known.get(area.dataset.draftKey);
  if (mine && mine.version > Number(version.value)) {
    // The page was redrawn from a moment before this page's own last save landed.
    version.value = mine.version;
    saved = mine.body;
  }
  if (!typedEarly && area.value !== saved) area.value = saved;
  const note = {
    form: form, area: area, key: area.dataset.draftKey, status: form.querySelector("[data-save-state]"),
    saved: saved, timer: null, sending: false, again: false,
  };
  notes.set(area, note);
  handled.add(form);
  form.addEventListener("submit", (event) => { event.preventDefault(); send(note); });
  area.addEventListener("input", () => schedule(note));
  area.addEventListener("blur", () => { if (note.timer) send(note); });
  const draft = loadDraft(note.key);
  if (typedEarly) {
    // Typed before this script was ready: the newest text there is, so treat it as typed now.
    schedule(note);
  } else if (draft && draft.body !== area.value) {
    // Typed here but never saved (a reload, a closed tab, a lost connection): send it on the
    // version it was typed on. If the note has changed since, the server offers the choice.
    area.value = draft.body;
    version.value = draft.version;
    send(note);
  } else {
    if (draft) clearDraft(note.key);
    // Nothing to send: a word from drafts.js that the text waited offline no longer holds.
    if (note.status.dataset.kind === "offline") show(note, "", "");
  }
}

function flush() {
  for (const [area, note] of notes) {
    if (!document.body.contains(area)) { notes.delete(area); continue; }
    if (!openChoice(note) && (note.timer || area.value !== note.saved)) send(note);
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-conflict-choice]");
  const form = button && button.closest("[data-note-form]");
  const area = form && form.querySelector("textarea");
  if (!area || !notes.has(area)) return; // a tool's form sends the choice itself
  event.preventDefault();
  choose(notes.get(area), button);
});
function attachAll(root) {
  const found = root.matches && root.matches("[data-note-form]") ? [root] : root.querySelectorAll("[data-note-form]");
  found.forEach(attach);
}

htmx.onLoad(attachAll);
// Loaded once the writer first goes into a note (data-module-on, mentorplan.js), or when a draft
// of one waits on this device: take on the notes already there.
attachAll(document.body);
window.addEventListener("online", flush);
window.addEventListener("pagehide", flush);
document.addEventListener("visibilitychange", () => { if (document.hidden) flush(); });
// Before htmx asks the server for anything (a poll's redraw, a button), send what is typed, so
// what the server draws next includes it.
document.addEventListener("htmx:beforeRequest", flush);
// The one beforeSwap rule for notes: a swap may replace the note forms; send what was typed
// while the request was on its way before the textarea it was typed in goes.
document.addEventListener("htmx:beforeSwap", flush);
