// "Copy with citation": opening a citation box copies its line (built by the server, saidwhat.citation)
// to the clipboard and selects it; without a clipboard (plain http off localhost) the selection remains
// for Ctrl+C. The pages work without this script: the box opens and shows the line.
document.addEventListener("toggle", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLDetailsElement) || !box.classList.contains("cite") || !box.open) return;
  const input = box.querySelector("input.cite-line");
  const summary = box.querySelector("summary");
  if (!input || !summary) return;
  input.focus();
  input.select();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(() => {
      summary.textContent = "Copied with citation";
    }, () => {});
  }
}, true);
