// Drafts kept on this device (localStorage), so text typed offline, or just before a reload or
// a closed tab, is not lost. A draft is the text (a note's body, or a whole form's values from
// autosave.js) and the version of the row it was typed on; the key names the mentor and the
// place it was typed in. Storage may be full or blocked: then drafts are simply not kept, saving
// goes on without them, and storeDraft says so.
//
// The scripts that send these forms (notes.js, autosave.js) arrive only when the writer first
// goes into one (data-module-on="typing", see mentorplan.js). Until one has arrived, this module
// keeps what is typed in its forms, as that script would keep it, and says so when the device is
// offline; when a draft already waits for a form on the page, it asks for the script at once (a
// "mentorplan:wanted" event), which then sends the draft.

export const OFFLINE = "Offline — kept on this device; it will be sent when the connection is back.";
const CONTROL = /(^|-)(csrfmiddlewaretoken|version|their_version|resolve)$/;
const SAVING_FORMS = "form[data-note-form], form[data-autosave], form[data-draft-only]";
export const handled = new WeakSet(); // forms their own script has taken on

export function loadDraft(key) {
  try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
}

export function storeDraft(key, body, version) {
  try {
    localStorage.setItem(key, JSON.stringify({ body: body, version: version }));
    return true;
  } catch (e) {
    return false;
  }
}

export function clearDraft(key) {
  try { localStorage.removeItem(key); } catch (e) { /* nothing to clear */ }
}

export function plain(text) {
  return String(text).replace(/\r\n?/g, "\n");
}

export function named(form) {
  return Array.from(form.elements).filter((el) => el.name && !CONTROL.test(el.name) && el.type !== "submit" && el.type !== "button");
}

// A form's values as one comparable string: what is shown now, or (defaults) what the server drew.
export function values(form, defaults) {
  const pairs = [];
  for (const el of named(form)) {
    if (el.type === "checkbox" || el.type === "radio") {
      if (defaults ? el.defaultChecked : el.checked) pairs.push([el.name, el.value]);
    } else if (el.tagName === "SELECT") {
      const chosen = Array.from(el.options).filter((option) => (defaults ? option.defaultSelected : option.selected));
      // A single choice with none marked shows its first option.
      if (defaults && !chosen.length && !el.multiple && el.options.length) chosen.push(el.options[0]);
      for (const option of chosen) pairs.push([el.name, option.value]);
    } else {
      pairs.push([el.name, plain(defaults ? el.defaultValue : el.value)]);
    }
  }
  return JSON.stringify(pairs);
}

export function hasText(form, serialised) {
  // Something typed: a choice or a date alone is not worth keeping.
  const typed = new Set(named(form).filter((el) => el.matches("textarea, input[type=text], input[type=url], input:not([type])")).map((el) => el.name));
  return JSON.parse(serialised).some(([name, value]) => typed.has(name) && String(value).trim());
}

export function versionInput(form) {
  return form.querySelector('input[name="version"], input[name$="-version"]');
}

function keyOf(form) {
  const area = form.matches("[data-note-form]") && form.querySelector("textarea");
  return area ? area.dataset.draftKey : form.dataset.autosave || form.dataset.draftOnly;
}

// Keep a note's text as its draft, on the version in `version` (its form's, or the one it was
// in before a redraw moved it). Whether it could be kept.
export function keepNote(area, version) {
  return storeDraft(area.dataset.draftKey, area.value, Number(version.value));
}

// Keep what `form` shows now as its draft: a note's text, or any other form's values. Whether
// it could be kept.
export function keepForm(form) {
  const version = versionInput(form);
  if (form.matches("[data-note-form]")) return keepNote(form.querySelector("textarea"), version);
  const number = version ? Number(version.value) : 0;
  const now = values(form, false);
  if (form.hasAttribute("data-draft-only") && !hasText(form, now)) { clearDraft(keyOf(form)); return true; }
  return storeDraft(keyOf(form), now, number);
}

const typed = new Map(); // form typed in before its script came -> whether this device kept it

function keepTyped(event) {
  const form = event.target.form;
  if (!form || handled.has(form) || !form.matches(SAVING_FORMS)) return;
  typed.set(form, keepForm(form));
  const status = form.querySelector("[data-save-state]");
  if (!status || navigator.onLine) return;
  // Offline, and the script that sends this form not here: say the text waits on this device,
  // unless it is back to what the server has.
  const waits = values(form, false) !== values(form, true);
  if (waits || status.dataset.kind === "offline") {
    status.textContent = waits ? OFFLINE : "";
    status.dataset.kind = waits ? "offline" : "";
  }
}

function askForWaiting(root) {
  const found = root.matches && root.matches(SAVING_FORMS) ? [root] : root.querySelectorAll(SAVING_FORMS);
  for (const form of found) {
    if (handled.has(form)) continue;
    if (loadDraft(keyOf(form)) || values(form, false) !== values(form, true)) {
      form.dispatchEvent(new Event("mentorplan:wanted", { bubbles: true }));
    }
  }
}

document.addEventListener("input", keepTyped, true);
document.addEventListener("change", keepTyped, true);
window.addEventListener("beforeunload", (event) => {
  // As autosave.js asks for the forms it has taken on: text this device could not keep, or a
  // goal typed but not set yet.
  const atRisk = [...typed].some(([form, kept]) => form.isConnected && !handled.has(form)
    && (!kept || (form.hasAttribute("data-draft-only") && hasText(form, values(form, false)))));
  if (!atRisk) return;
  event.preventDefault();
  event.returnValue = "You have text that is not saved yet.";
});
htmx.onLoad(askForWaiting);
askForWaiting(document.body);
