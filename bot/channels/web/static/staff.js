// shopbot staff dashboard: live refresh over SSE. Server-rendered (escaped) fragments replace parts of the page;
// event payloads are only used for their type and ids, never inserted as markup.
(function () {
  "use strict";
  const rows = document.getElementById("rows");
  const table = document.getElementById("conversations");
  const transcript = document.getElementById("transcript");
  const kb = document.getElementById("kb");
  const liveDot = document.getElementById("live");

  document.querySelectorAll("form[data-confirm]").forEach((f) => {
    f.addEventListener("submit", (ev) => { if (!window.confirm(f.dataset.confirm)) ev.preventDefault(); });
  });

  if (!rows && !transcript && !kb) return;

  function debounce(fn, ms) {
    let t = null;
    return () => { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  async function refresh(target, url) {
    const r = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (r.ok) target.innerHTML = await r.text();
  }

  const refreshRows = rows ? debounce(() => refresh(rows, table.dataset.listUrl), 250) : null;
  const refreshTranscript = transcript ? debounce(() => refresh(transcript, transcript.dataset.url), 150) : null;

  const source = new EventSource("/staff/events");
  let connected = false;
  source.addEventListener("ready", () => {
    if (liveDot) liveDot.classList.add("on");
    document.body.dataset.live = "1";
    if (connected) {  // a reconnect: catch up on anything published while the stream was down
      if (refreshRows) refreshRows();
      if (refreshTranscript) refreshTranscript();
    }
    connected = true;
  });
  source.onerror = () => { if (liveDot) liveDot.classList.remove("on"); };
  ["message", "handoff", "mode", "staff_message", "feedback", "note", "customer_erased"].forEach((type) => {
    source.addEventListener(type, (ev) => {
      const data = JSON.parse(ev.data);
      if (refreshRows) refreshRows();
      if (refreshTranscript && data.conversation_id === transcript.dataset.conversation) refreshTranscript();
    });
  });

  if (kb) {
    const box = document.getElementById("progress");
    const bar = document.getElementById("progress-bar");
    const text = document.getElementById("progress-text");
    source.addEventListener("kb_progress", (ev) => {
      const d = JSON.parse(ev.data);
      box.classList.remove("hidden");
      bar.value = d.total ? d.done / d.total : 0;
      text.textContent = d.stage + (d.total ? " " + d.done + "/" + d.total : "");
    });
    const reload = () => window.location.assign("/staff/kb");
    source.addEventListener("kb_reloaded", reload);
    source.addEventListener("kb_failed", reload);
    if (kb.dataset.running === "yes") {
      // The job may have finished before the stream opened: poll once a second as a safety net.
      const timer = setInterval(async () => {
        const r = await fetch("/staff/kb/progress", { credentials: "same-origin" });
        if (r.ok && !(await r.json()).running) { clearInterval(timer); reload(); }
      }, 1000);
    }
  }
})();
