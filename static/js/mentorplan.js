// Small helpers every page may use. No inline script anywhere: the Content-Security-Policy forbids it.
"use strict";

document.documentElement.classList.add("js");

// A button or form marked data-confirm asks once before it is sent.
document.addEventListener("submit", (event) => {
  const source = (event.submitter && event.submitter.dataset.confirm) ? event.submitter : event.target;
  const message = source.dataset && source.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
