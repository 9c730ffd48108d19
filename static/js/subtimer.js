// A small countdown inside a segment, such as the three-minute retro per trainee. It lives only
// in this browser: nothing about it needs to survive a reload. The numbers change every second
// on screen; a screen reader hears only "1 minute left" and "time is up".
import { clockText } from "./clock-text.js";

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-subtimer]");
  if (!button) return;
  const output = document.getElementById(button.getAttribute("aria-describedby"));
  if (!output) return;
  const label = button.querySelector("[data-subtimer-label]");
  const say = button.parentElement.querySelector("[data-subtimer-say]");
  const who = button.dataset.subtimerFor ? " for " + button.dataset.subtimerFor : "";
  window.clearInterval(Number(button.dataset.timerId || 0));
  const end = Date.now() + Number(button.dataset.subtimer) * 1000;
  let warned = false;
  const step = () => {
    if (!document.body.contains(output)) {
      window.clearInterval(Number(button.dataset.timerId));
      return;
    }
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    output.textContent = left ? clockText(left) : "Time's up";
    output.classList.toggle("is-up", !left);
    if (say && left <= 60 && left > 0 && !warned) {
      warned = true;
      say.textContent = "1 minute left" + who + ".";
    }
    if (!left) {
      window.clearInterval(Number(button.dataset.timerId));
      if (say) say.textContent = "Time is up" + who + ".";
    }
  };
  if (say) say.textContent = "";
  step();
  button.dataset.timerId = String(window.setInterval(step, 1000));
  if (label) label.textContent = label.textContent.replace(/^Start/, "Restart");
});
