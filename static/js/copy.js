// Copy buttons and the print button on the summary page.
"use strict";

document.addEventListener("click", async (event) => {
  const copy = event.target.closest("[data-copy]");
  if (copy) {
    const area = document.getElementById(copy.dataset.copy);
    const status = document.querySelector("[data-copy-status]");
    let copied = true;
    try {
      await navigator.clipboard.writeText(area.value);
    } catch (error) {
      area.select();
      copied = document.execCommand("copy");
    }
    if (status) {
      // Emptied first and filled a moment later, so a second copy is announced again.
      status.textContent = "";
      setTimeout(() => {
        status.textContent = copied
          ? copy.dataset.copied || "Copied."
          : "Your browser did not let us copy: the text is selected below, copy it with your keyboard.";
      }, 100);
    }
    return;
  }
  if (event.target.closest("[data-print]")) window.print();
});
