// Drafts kept on this device (localStorage), so text typed offline, or just before a reload or
// a closed tab, is not lost. A draft is the text (a note's body, or a whole form's values from
// autosave.js) and the version of the row it was typed on; the key names the mentor and the
// place it was typed in. Storage may be full or blocked: then drafts are simply not kept, saving
// goes on without them, and storeDraft says so.

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
