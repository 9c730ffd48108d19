// Drafts kept on this device (localStorage), so a note typed offline, or just before a reload or
// a closed tab, is not lost. A draft is the text and the version of the note it was typed on; the
// key (the textarea's data-draft-key) names the mentor, the segment, the level and the trainee.
// Storage may be full or blocked: then drafts are simply not kept and saving goes on without them.

export function loadDraft(key) {
  try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
}

export function storeDraft(key, body, version) {
  try { localStorage.setItem(key, JSON.stringify({ body: body, version: version })); } catch (e) { /* not kept */ }
}

export function clearDraft(key) {
  try { localStorage.removeItem(key); } catch (e) { /* nothing to clear */ }
}
