// Copy buttons and the print button on the summary page.
"use strict";

document.addEventListener("click", async (event) => {
  const copy = event.target.closest("[data-copy]");
  if (copy) {
    const id = copy.dataset.copy;
    const area = document.getElementById(id);
    const status = document.querySelector('[data-copy-status="' + id + '"]');
    try {
      await navigator.clipboard.writeText(area.value);
    } catch (error) {
      area.select();
      document.execCommand("copy");
    }
    if (status) status.textContent = "Copied.";
    return;
  }
  if (event.target.closest("[data-print]")) window.print();
});
