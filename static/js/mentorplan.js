// Small helpers every page may use. No inline script anywhere: the Content-Security-Policy forbids it.
"use strict";

// A form marked data-confirm asks once before it is sent.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
