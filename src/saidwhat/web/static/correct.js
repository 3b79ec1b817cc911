// The article page's "Add a quote saidwhat missed" form (saidwhat serve --edit): the button copies the
// text selected in the article into the form; without script, paste the words in.
"use strict";
(() => {
  const button = document.getElementById("use-selection");
  const words = document.getElementById("add-words");
  if (!button || !words) return;
  let chosen = "";
  document.addEventListener("selectionchange", () => {
    const text = String(window.getSelection() || "").trim();
    if (text && document.activeElement !== words) chosen = text;
  });
  button.addEventListener("click", () => {
    if (chosen) words.value = chosen;
    words.focus();
  });
})();
