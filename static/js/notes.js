// Notes that save themselves. Every keystroke is kept in this browser first (localStorage), then
// sent after a short pause; if the network drops, the draft waits and is sent when it returns.
// Each note carries the version it was based on, so a co-mentor's edit is never overwritten silently.
"use strict";

(function () {
  const DELAY_MS = 700;
  const RETRY_MS = 5000;
  const forms = new Map(); // textarea -> state
  const known = new Map(); // draft key -> the last version this page saved, to survive re-renders

  function csrf() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function loadDraft(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function storeDraft(state) {
    try {
      // While a conflict is open the draft keeps the version it was typed on, so a reload asks again.
      const version = state.conflict === null ? state.version : state.conflict;
      localStorage.setItem(state.key, JSON.stringify({ body: state.area.value, version: version }));
    } catch (e) { /* storage full or blocked: the network save still runs */ }
  }

  function clearDraft(state) {
    try { localStorage.removeItem(state.key); } catch (e) { /* nothing to clear */ }
  }

  function bytes(text) {
    return new TextEncoder().encode(text).length;
  }

  function show(state, text, kind) {
    state.status.textContent = text;
    state.status.dataset.kind = kind || "";
  }

  async function send(state) {
    window.clearTimeout(state.timer);
    state.timer = null;
    if (state.conflict !== null) return; // the writer chooses first
    if (state.sending) { state.again = true; return; }
    const body = state.area.value;
    if (body === state.saved && state.version === state.savedVersion) {
      // Typed and undone: the server already has this text.
      clearDraft(state);
      if (state.status.dataset.kind !== "saved") show(state, "Saved", "saved");
      return;
    }
    state.sending = true;
    show(state, "Saving…");
    const data = new FormData(state.form);
    data.set("body", body);
    data.set("version", String(state.version));
    try {
      const response = await fetch(state.form.action, {
        // keepalive lets a save started as the page goes away finish; browsers cap it at 64 KiB.
        method: "POST", body: data, credentials: "same-origin", keepalive: bytes(body) < 60000,
        headers: { "X-CSRFToken": csrf(), "Accept": "application/json" },
      });
      const result = await response.json().catch(() => ({}));
      if (response.ok) {
        state.version = result.version;
        state.savedVersion = result.version;
        state.saved = body;
        known.set(state.key, { version: result.version, body: body });
        state.form.querySelector("input[name=version]").value = result.version;
        if (state.area.value === body) clearDraft(state); else storeDraft(state);
        show(state, "Saved " + result.saved_at, "saved");
      } else if (response.status === 409) {
        conflict(state, result, Number(data.get("version")));
      } else if (response.status === 400) {
        show(state, result.error || "This note could not be saved.", "error");
      } else {
        // Logged out, or the server failed: keep the text here and try again shortly.
        show(state, response.status === 403
          ? "Not saved: you may have been logged out. Log in again in another tab; this text is kept on this device."
          : "Not saved yet: the server did not accept it. Kept on this device; trying again shortly.", "error");
        state.timer = window.setTimeout(() => send(state), RETRY_MS);
      }
    } catch (error) {
      show(state, "Offline — kept on this device; it will be sent when the connection is back.", "offline");
      state.timer = window.setTimeout(() => send(state), RETRY_MS);
    } finally {
      state.sending = false;
      if (state.again) { state.again = false; schedule(state); }
    }
  }

  function conflict(state, result, base) {
    // Someone else saved first: show their text beside ours and let the writer choose.
    state.version = result.version;
    state.savedVersion = result.version;
    state.saved = result.body;
    state.form.querySelector("input[name=version]").value = result.version;
    if (result.body === state.area.value) {
      // The same text landed already (a save sent as the page unloaded, say): nothing to choose.
      clearDraft(state);
      show(state, "Saved", "saved");
      return;
    }
    state.conflict = base;
    storeDraft(state);
    let box = state.form.querySelector(".conflict");
    if (!box) {
      box = document.createElement("div");
      box.className = "conflict notice notice-warn";
      box.setAttribute("role", "alert");
      state.form.appendChild(box);
    }
    box.textContent = "";
    const intro = document.createElement("p");
    intro.textContent = (result.updated_by || "A co-mentor") + " changed this note while you were typing. Their version:";
    const theirs = document.createElement("pre");
    theirs.className = "conflict-text";
    theirs.textContent = result.body;
    const keep = document.createElement("button");
    keep.type = "button";
    keep.className = "button-small";
    keep.textContent = "Keep my text";
    const resolve = () => { state.conflict = null; box.remove(); };
    keep.addEventListener("click", () => { resolve(); send(state); });
    const take = document.createElement("button");
    take.type = "button";
    take.className = "button-small button-secondary";
    take.textContent = "Use their text";
    take.addEventListener("click", () => { resolve(); state.area.value = result.body; clearDraft(state); show(state, "Saved", "saved"); });
    const both = document.createElement("button");
    both.type = "button";
    both.className = "button-small button-secondary";
    both.textContent = "Keep both";
    both.addEventListener("click", () => { resolve(); state.area.value = result.body + "\n\n" + state.area.value; send(state); });
    const actions = document.createElement("div");
    actions.className = "actions";
    actions.append(keep, take, both);
    box.append(intro, theirs, actions);
    show(state, "Not saved yet: choose which text to keep.", "error");
  }

  function schedule(state) {
    storeDraft(state);
    if (state.conflict !== null) { show(state, "Not saved yet: choose which text to keep.", "error"); return; }
    show(state, "Typing…");
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(() => send(state), DELAY_MS);
  }

  function attach(form) {
    const area = form.querySelector("textarea");
    if (!area || forms.has(area)) return;
    // The server's own values (defaultValue), not what the browser may have restored into the
    // form on a reload or what was typed before this script ran.
    const versionInput = form.querySelector("input[name=version]");
    let version = Number(versionInput.defaultValue);
    versionInput.value = version;
    const typedEarly = area.value !== area.defaultValue ? area.value : null;
    area.value = area.defaultValue;
    const mine = known.get(area.dataset.draftKey);
    if (mine && mine.version > version) {
      // The page was redrawn from a moment before our own last save landed.
      version = mine.version;
      area.value = mine.body;
      form.querySelector("input[name=version]").value = version;
    }
    const state = {
      form: form, area: area, key: area.dataset.draftKey, status: form.querySelector("[data-save-state]"),
      version: version, savedVersion: version, saved: area.value, timer: null, sending: false, again: false,
      conflict: null, // while the writer chooses between texts: the version their text was based on
    };
    forms.set(area, state);
    form.addEventListener("submit", (event) => { event.preventDefault(); send(state); });
    area.addEventListener("input", () => schedule(state));
    area.addEventListener("blur", () => { if (state.timer) send(state); });
    const draft = loadDraft(state.key);
    if (typedEarly !== null) {
      // Typed before this script was ready: the newest text there is, so treat it as typed now.
      area.value = typedEarly;
      schedule(state);
    } else if (draft && draft.body !== area.value) {
      if (draft.version === version) {
        // Typed here but never reached the server (reload, closed tab, lost connection): send it now.
        area.value = draft.body;
        send(state);
      } else {
        // The note changed on the server since this draft was typed: let the writer choose.
        const server = area.value;
        area.value = draft.body;
        conflict(state, { version: version, body: server, updated_by: "Someone" }, draft.version);
      }
    } else if (draft) {
      clearDraft(state);
    }
  }

  function flush() {
    for (const [area, state] of forms) {
      if (!document.body.contains(area)) { forms.delete(area); continue; }
      if (state.conflict === null && (state.timer || area.value !== state.saved)) send(state);
    }
  }

  window.MentorplanNotes = { flush: flush };
  htmx.onLoad((root) => {
    const found = root.matches && root.matches("[data-note-form]") ? [root] : root.querySelectorAll("[data-note-form]");
    found.forEach(attach);
  });
  window.addEventListener("online", flush);
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => { if (document.hidden) flush(); });
  document.body.addEventListener("htmx:beforeSwap", flush);
})();
