// The clock stays in view. The current segment's name, its countdown and the runner's controls sit
// in one block (data-clock-dock) at the top of the segment. Once that block's place starts to
// scroll out of the window, the block becomes a compact bar fixed to the top of the window
// (.is-compact): name, time left or over, Pause and Next. The place keeps the block's full height,
// so nothing under it moves; the page keeps the bar's height clear when it scrolls a field into
// view (--clock-bar-space, read by the stylesheet). The bar is the same elements in the same
// order, so the keyboard and screen readers find them where they always are.
//
// On a narrow screen the bar keeps the controls used most in sight; the others (Previous, +5 min,
// End) wait out of sight but in their place, and the bar shows them all once the keyboard reaches
// one of them (.shows-all). A click never shows or hides them: that would move the button under
// the pointer.
//
// Reads: the runner's data-clock-place, data-clock-mark and data-clock-dock. Writes: the dock's
// classes and position, the place's height, and --clock-bar-space on <html>.
let observer = null;
let current = null; // { place, mark, dock }

function card(place) {
  return place.closest(".current") || place;
}

function fit(parts) {
  // A fixed bar is as wide as the segment's card and sits over it.
  const box = card(parts.place).getBoundingClientRect();
  parts.dock.style.left = box.left + "px";
  parts.dock.style.width = box.width + "px";
}

function setCompact(parts, compact) {
  const { place, dock } = parts;
  if (compact) {
    if (!dock.classList.contains("is-compact")) place.style.height = place.getBoundingClientRect().height + "px";
    dock.classList.add("is-compact");
    fit(parts);
  } else {
    dock.classList.remove("is-compact");
    dock.style.left = "";
    dock.style.width = "";
    place.style.height = "";
  }
}

function measureBar(parts) {
  // The bar's height, for the space kept clear at the top of the window: measured as a bar, at
  // once, before the browser draws anything.
  const { dock } = parts;
  const wasCompact = dock.classList.contains("is-compact");
  if (!wasCompact) setCompact(parts, true);
  const height = dock.getBoundingClientRect().height;
  if (!wasCompact) setCompact(parts, false);
  document.documentElement.style.setProperty("--clock-bar-space", height + 8 + "px");
}

function scrolledAway(parts) {
  return parts.mark.getBoundingClientRect().top < 0;
}

function update() {
  if (!current || !current.dock.isConnected) return;
  setCompact(current, scrolledAway(current));
  measureBar(current);
}

function init(root) {
  const runner = root.id === "runner" ? root : root.querySelector && root.querySelector("#runner");
  if (!runner) return;
  const place = runner.querySelector("[data-clock-place]");
  const mark = runner.querySelector("[data-clock-mark]");
  const dock = runner.querySelector("[data-clock-dock]");
  if (!place || !mark || !dock) return;
  if (current && current.dock === dock) return;
  current = { place: place, mark: mark, dock: dock };
  update(); // a redraw after a scroll starts as a bar, without a flash of the big clock
  if (observer) observer.disconnect();
  observer = new IntersectionObserver(update);
  observer.observe(mark);
}

document.addEventListener("focusin", (event) => {
  const dock = event.target.closest && event.target.closest("[data-clock-dock]");
  if (dock && event.target.matches(":focus-visible")) dock.classList.add("shows-all");
});
document.addEventListener("focusout", (event) => {
  const dock = event.target.closest && event.target.closest("[data-clock-dock]");
  if (dock && !(event.relatedTarget && dock.contains(event.relatedTarget))) dock.classList.remove("shows-all");
});

// htmx puts a redrawn runner in the page and wires it up a moment later: place it right away.
document.addEventListener("htmx:afterSwap", () => init(document));
htmx.onLoad(init);
window.addEventListener("resize", () => {
  if (!current) return;
  setCompact(current, false);
  update();
});
