// Keyboard shortcuts of the runner: Space pauses or resumes, N or → goes to the next segment,
// P or ← to the previous one. A key presses the runner's own button (marked data-shortcut), so a
// shortcut does exactly what a click does and nothing while that button is disabled or missing.
//
// Reads and writes: the runner's data-ready, set once htmx has wired the runner's buttons.
const KEYS = { " ": "toggle", "n": "next", "N": "next", "ArrowRight": "next",
               "p": "previous", "P": "previous", "ArrowLeft": "previous" };

function button(runner, name) {
  return runner && runner.querySelector('[data-shortcut="' + name + '"]');
}

function press(name, tries) {
  // Just after an htmx swap the new runner is in the page but not wired yet (htmx sets up its
  // forms a moment later): wait for it instead of pressing a button htmx does not handle yet.
  const runner = document.getElementById("runner");
  if (runner && runner.dataset.ready !== "true" && tries > 0) {
    window.setTimeout(() => press(name, tries - 1), 30);
    return;
  }
  const target = button(runner, name);
  if (target && !target.disabled) target.click();
}

document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.repeat) return; // a held key acts once
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.closest("input, textarea, select, [contenteditable]")) return; // typing
  if (event.key === " " && target.closest("button, a, summary")) return; // Space presses that control
  const name = KEYS[event.key];
  const runner = document.getElementById("runner");
  if (!name || !runner) return;
  const found = button(runner, name);
  if (!found || found.disabled) return;
  event.preventDefault();
  press(name, 10);
});

htmx.onLoad((root) => {
  const runner = root.id === "runner" ? root : root.querySelector && root.querySelector("#runner");
  if (runner) runner.dataset.ready = "true"; // htmx has wired it: the keys work from here on
});
