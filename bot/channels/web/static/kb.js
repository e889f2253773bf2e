// Knowledge-article editor: the Markdown preview (rendered by the server, raw HTML escaped there).
(function () {
  "use strict";
  const button = document.getElementById("preview-button");
  const text = document.getElementById("article-text");
  const out = document.getElementById("preview");
  if (!button || !text || !out) return;
  button.addEventListener("click", async () => {
    const r = await fetch("/staff/kb/preview", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": document.body.dataset.csrf },
      body: JSON.stringify({ text: text.value }),
    });
    out.classList.remove("hidden");
    if (!r.ok) { out.textContent = "Preview failed (" + r.status + ")."; return; }
    const data = await r.json();
    out.innerHTML = data.html;  // server-rendered with raw HTML disabled: the source's tags arrive escaped
  });
})();
