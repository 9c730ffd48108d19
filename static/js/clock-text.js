// How a stretch of time reads on a clock: "9:05", "1:02:05" (M:SS under an hour, H:MM:SS from
// there). This is the one place the rule lives in the browser; on the server it is clock_text in
// mentorplan/calls/timing.py, and a browser test checks that both give the same text for a table
// of values. The sign is left to the words around it ("left", "over").

// Whole seconds, rounded as Python's round() does (a half goes to the even neighbour), so the
// counting clock never shows a second the server would not.
function wholeSeconds(seconds) {
  const size = Math.abs(seconds);
  const floor = Math.floor(size);
  const part = size - floor;
  if (part > 0.5 || (part === 0.5 && floor % 2 === 1)) return floor + 1;
  return floor;
}

export function clockText(seconds) {
  const total = wholeSeconds(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, "0");
  if (hours) return hours + ":" + String(minutes).padStart(2, "0") + ":" + secs;
  return minutes + ":" + secs;
}
