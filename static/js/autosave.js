// Forms that keep what is typed in them: the retro, the notes on a topic, PEA feedback, goals.
//
// A form marked data-autosave="<name>" is kept on this device as it is typed (drafts.js, under
// the name and the version of the row it is based on) and sent a moment after the typing stops,
// to its own action, as htmx would send it. The answer is the tool again: the form in it says
// whether the save went through (its new version), was refused (its errors) or met a co-mentor's
// newer save (the conflict box, templates/calls/includes/conflict.html). On a conflict the box
// goes above the fields and nothing more is sent until the writer chooses; the choice buttons
// send the form through htmx as usual. Its status line (data-save-state) says what happened.
//
// A form marked data-draft-only is not saved by itself (a goal is not set until the mentor says
// so): it is kept on this device and put back when the form shows again.
//
// The fields a form names in data-autosave-wait (by name, without the form's prefix) are sent
// when the writer leaves them, not while typing: each new line of "what did not make sense"
// becomes a topic, so half a word must not be sent.
//
// A draft left from a reload, a closed tab or a lost connection is put back when its form shows
// and sent on the version it was typed on; if the row has changed since, the server offers the
// choice. Before the page goes away, whatever is waiting is sent; and if some text could not be
// kept anywhere (no local storage, a choice still open, a goal not set yet) the browser asks
// before leaving.
import { OFFLINE, clearDraft, handled, hasText, keepForm, loadDraft, named, values, versionInput } from "./drafts.js";

const DELAY_MS = 800;
const RETRY_MS = 5000;
const CHOOSE = "Not saved yet: choose which text to keep.";
const forms = new Map(); // form element -> its state
const known = new Map(); // draft key -> the version and values this page saved last
const SENT = "mentorplan:sent:"; // sessionStorage: a form sent by its own button, by draft key
const inFlight = new Map(); // draft key -> the save on its way, so one form sends one at a time

function apply(form, serialised) {
  const pairs = JSON.parse(serialised);
  const by = new Map();
  for (const [name, value] of pairs) by.set(name, [...(by.get(name) || []), value]);
  for (const el of named(form)) {
    const wanted = by.get(el.name) || [];
    if (el.type === "checkbox" || el.type === "radio") el.checked = wanted.includes(el.value);
    else if (el.tagName === "SELECT") for (const option of el.options) option.selected = wanted.includes(option.value);
    else if (wanted.length && el.value !== wanted[0]) el.value = wanted[0];
  }
}

function openChoice(form) {
  return form.querySelector("[data-conflict]");
}

function refused(form) {
  return form.querySelector(".field-error, .form-errors");
}

function show(state, text, kind) {
  if (!state.status) return;
  state.status.textContent = text;
  state.status.dataset.kind = kind || "";
}

function keepDraft(state) {
  state.kept = keepForm(state.form);
}

function unsaved(state) {
  return values(state.form, false) !== state.saved;
}

function clock() {
  return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
}

function firstError(form) {
  const error = form.querySelector(".field-error .error, .form-errors p");
  return error ? error.textContent.trim() : "check the highlighted fields.";
}

async function send(state) {
  window.clearTimeout(state.timer);
  state.timer = null;
  if (state.draftOnly || openChoice(state.form)) return;
  if (state.sending) { state.again = true; return; }
  const form = state.form;
  const sentValues = values(form, false);
  if (sentValues === state.saved) {
    clearDraft(state.key);
    if (state.status && state.status.dataset.kind !== "saved") show(state, "Saved", "saved");
    return;
  }
  state.sending = true;
  let done;
  inFlight.set(state.key, new Promise((resolve) => { done = resolve; }));
  show(state, "Saving…");
  const data = new FormData(form);
  let size = 0;
  for (const value of data.values()) size += String(value).length;
  try {
    const response = await fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin", keepalive: size < 20000,
      headers: { "HX-Request": "true", "X-CSRFToken": data.get("csrfmiddlewaretoken") || "" },
    });
    const html = response.ok ? await response.text() : "";
    const template = document.createElement("template");
    template.innerHTML = html;
    const drawn = form.id ? template.content.getElementById(form.id) : null;
    if (!drawn) {
      show(state, response.status === 403 || response.redirected
        ? "Not saved: you may have been logged out. Log in again in another tab; this text is kept on this device."
        : "Not saved yet: the server did not accept it. Kept on this device; trying again shortly.", "error");
      state.timer = window.setTimeout(() => send(state), RETRY_MS);
    } else if (drawn.querySelector("[data-conflict]")) {
      conflict(state, drawn.querySelector("[data-conflict]"));
    } else if (refused(drawn)) {
      show(state, "Not saved: " + firstError(drawn), "error");
    } else {
      const version = versionInput(drawn);
      if (version && state.version) state.version.value = version.value;
      state.saved = sentValues;
      known.set(state.key, { version: state.version ? Number(state.version.value) : 0, values: sentValues });
      if (values(form, false) === sentValues) clearDraft(state.key); else keepDraft(state);
      redrawAround(form, template.content);
      show(state, "Saved at " + clock(), "saved");
    }
  } catch (error) {
    show(state, OFFLINE, "offline");
    state.timer = window.setTimeout(() => send(state), RETRY_MS);
  } finally {
    state.sending = false;
    inFlight.delete(state.key);
    done();
    if (state.submitAfter) {
      // The writer pressed the form's own button while this save was on its way: press it now.
      state.submitAfter = false;
      if (form.isConnected) form.requestSubmit();
    } else if (state.again) {
      state.again = false;
      schedule(state);
    }
  }
}

function redrawAround(form, fresh) {
  // What the form's own button would also have redrawn (hx-select-oob: a "saved" badge, the
  // list of open topics), never the form itself.
  const selectors = (form.getAttribute("hx-select-oob") || "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const selector of selectors) {
    const now = document.querySelector(selector);
    const next = fresh.querySelector(selector);
    if (now && next && !now.contains(document.activeElement)) now.replaceWith(next);
  }
}

function conflict(state, box) {
  // Someone else saved first. The writer's text stays in the fields; their text and the three
  // choices go above them. The version stays the one the writer typed on until they choose.
  const open = openChoice(state.form);
  if (open) open.replaceWith(box); else state.form.prepend(box);
  keepDraft(state);
  show(state, CHOOSE, "error");
}

function schedule(state, now) {
  keepDraft(state);
  if (state.draftOnly) return;
  if (openChoice(state.form)) { show(state, CHOOSE, "error"); return; }
  show(state, "Typing…");
  window.clearTimeout(state.timer);
  state.timer = window.setTimeout(() => send(state), now ? 0 : DELAY_MS);
}

function waitsForChange(form, target) {
  const names = (form.dataset.autosaveWait || "").split(" ").filter(Boolean);
  return Boolean(target && target.name) && names.some((name) => target.name === name || target.name.endsWith("-" + name));
}

function attach(form) {
  const previous = forms.get(form);
  if (previous) return;
  const key = form.dataset.autosave || form.dataset.draftOnly;
  if (!key) return;
  const state = {
    form: form, key: key, draftOnly: form.hasAttribute("data-draft-only"),
    status: form.querySelector("[data-save-state]"), version: versionInput(form),
    saved: values(form, true), timer: null, sending: false, again: false, kept: true,
  };
  forms.set(form, state);
  handled.add(form);
  form.addEventListener("input", (event) => { if (!waitsForChange(form, event.target)) schedule(state); });
  form.addEventListener("change", (event) => schedule(state, waitsForChange(form, event.target)));
  form.addEventListener("focusout", () => { if (state.timer) send(state); });
  form.addEventListener("htmx:beforeRequest", (event) => {
    // The form's own button (Save, a choice after a conflict, Set goal): its answer redraws the
    // form, and the draft is settled when it shows again.
    if (event.detail.elt !== form) return; // a check inside the form (SMART, PEA) is not a save
    if (state.sending) {
      // One request at a time from a form: the button's turn comes when the save is back.
      event.preventDefault();
      state.submitAfter = true;
      return;
    }
    window.clearTimeout(state.timer);
    state.timer = null;
    keepDraft(state);
    try { sessionStorage.setItem(SENT + key, "1"); } catch (e) { /* not kept */ }
  });
  form.addEventListener("submit", () => {
    if (form.hasAttribute("hx-post")) return;
    keepDraft(state);
    try { sessionStorage.setItem(SENT + key, "1"); } catch (e) { /* not kept */ }
  });

  const before = inFlight.get(key);
  if (before) before.then(() => { if (form.isConnected) settle(state); });
  else settle(state);
}

function settle(state) {
  // What the form shows now against what is kept on this device and what this page saved last.
  const form = state.form;
  const key = state.key;
  let sentByButton = false;
  try { sentByButton = sessionStorage.getItem(SENT + key) === "1"; sessionStorage.removeItem(SENT + key); } catch (e) { /* none */ }
  if (openChoice(form) || refused(form)) {
    // The answer to a save: a choice to make or a message to read, with the writer's text.
    keepDraft(state);
    if (openChoice(form)) show(state, CHOOSE, "error");
    else if (!state.draftOnly) show(state, "Not saved: " + firstError(form), "error");
    return;
  }
  if (sentByButton) { clearDraft(key); return; }
  const mine = known.get(key);
  if (mine && state.version && mine.version > Number(state.version.value)) {
    // Redrawn from a moment before this page's own last save landed.
    state.version.value = mine.version;
    apply(form, mine.values);
    state.saved = mine.values;
  }
  const draft = loadDraft(key);
  if (values(form, false) !== state.saved) {
    // Typed before this script ran (drafts.js kept it meanwhile): the newest text there is.
    schedule(state);
  } else if (draft && typeof draft.body === "string" && draft.body !== state.saved) {
    // Typed here but not saved (a reload, a closed tab, a lost connection, a redraw while
    // typing): put it back, on the version it was typed on. If the row has changed since, the
    // server offers the choice.
    apply(form, draft.body);
    if (state.draftOnly) {
      show(state, "Your text from before is back. It is kept on this device until you press the button.", "offline");
      return;
    }
    if (state.version) state.version.value = draft.version;
    show(state, "Your text from before is back: saving…");
    send(state);
  } else {
    if (draft) clearDraft(key);
    // Nothing to send: a word from drafts.js that the text waited offline no longer holds.
    if (state.status && state.status.dataset.kind === "offline") show(state, "", "");
  }
}

function flush(event) {
  for (const [form, state] of forms) {
    const gone = !document.body.contains(form);
    if (!state.draftOnly && !state.sending && !openChoice(form) && (state.timer || unsaved(state))) {
      const field = document.activeElement;
      const halfway = field && form.contains(field) && waitsForChange(form, field) && event && event.type !== "pagehide";
      if (!halfway) send(state);
    }
    if (gone && !state.timer && !state.sending) forms.delete(form);
  }
}

function atRisk() {
  for (const [form, state] of forms) {
    if (!document.body.contains(form)) continue;
    if (openChoice(form)) return true;
    if (state.draftOnly && unsaved(state) && hasText(form, values(form, false))) return true;
    if (!state.draftOnly && !state.kept && (state.timer || state.sending || unsaved(state))) return true;
  }
  return false;
}

function attachAll(root) {
  const selector = "form[data-autosave], form[data-draft-only]";
  const found = root.matches && root.matches(selector) ? [root] : root.querySelectorAll(selector);
  found.forEach(attach);
  settleSent();
}

htmx.onLoad(attachAll);
// Loaded once the writer first goes into a part that needs it (data-module-on, mentorplan.js), or
// when a draft of it waits on this device; by then htmx has set up the page: take on the forms
// already there. A form is taken on once.
attachAll(document.body);

function settleSent() {
  // A form sent by its own button that did not come back (a goal edited and saved, say): what it
  // sent is on the server, so its draft has done its work.
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const item = sessionStorage.key(i);
      if (!item || !item.startsWith(SENT)) continue;
      const key = item.slice(SENT.length);
      const value = CSS.escape(key);
      if (document.querySelector('form[data-autosave="' + value + '"], form[data-draft-only="' + value + '"]')) continue;
      clearDraft(key);
      sessionStorage.removeItem(item);
    }
  } catch (e) { /* no session storage: drafts stay until their form shows again */ }
}
window.addEventListener("online", flush);
window.addEventListener("pagehide", flush);
document.addEventListener("visibilitychange", (event) => { if (document.hidden) flush(event); });
// A swap may take a form away: send what was typed into it first. (Not before every request:
// two writes at once would only wait on each other; a form redrawn before its save is back
// waits for that save, then puts back what is not on the server yet.)
document.addEventListener("htmx:beforeSwap", flush);
window.addEventListener("beforeunload", (event) => {
  if (!atRisk()) return;
  // Browsers show their own words ("Changes you made may not be saved"); this is what they ask for.
  event.preventDefault();
  event.returnValue = "You have text that is not saved yet.";
});
