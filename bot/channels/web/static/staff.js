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

  // Times: the server writes UTC (<time datetime=…>); show them in the browser's own zone, labelled.
  const zone = (Intl.DateTimeFormat().resolvedOptions().timeZone) || "UTC";
  const fmt = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach((t) => {
      const when = new Date(t.getAttribute("datetime"));
      if (isNaN(when)) return;
      if (!t.title) t.title = t.textContent.trim();
      t.textContent = fmt.format(when);
    });
  }
  const tzLabel = document.getElementById("tz-label");
  if (tzLabel) tzLabel.textContent = "times in " + zone;
  localTimes(document);

  // Canned replies: "/shortcut" then Tab (or the picker) puts the text in the reply box, to edit before sending.
  const reply = document.getElementById("reply-text");
  const cannedData = document.getElementById("canned-data");
  const canned = {};
  if (cannedData) JSON.parse(cannedData.textContent || "[]").forEach((c) => { canned[c.shortcut] = c.text; });
  function insertCanned(shortcut, start, end) {
    const text = canned[shortcut];
    if (text === undefined) return false;
    reply.value = reply.value.slice(0, start) + text + reply.value.slice(end);
    const caret = start + text.length;
    reply.setSelectionRange(caret, caret);
    reply.focus();
    return true;
  }
  if (reply) {
    reply.addEventListener("keydown", (ev) => {
      if (ev.key !== "Tab" && ev.key !== " ") return;
      const caret = reply.selectionStart;
      const m = /(^|\s)\/([a-z0-9][a-z0-9_-]*)$/.exec(reply.value.slice(0, caret));
      if (m && insertCanned(m[2], caret - m[2].length - 1, caret)) ev.preventDefault();
    });
    const pick = document.getElementById("canned-pick");
    if (pick) pick.addEventListener("change", () => {
      if (pick.value) insertCanned(pick.value, reply.selectionStart, reply.selectionEnd);
      pick.value = "";
    });
  }

  if (!rows && !transcript && !kb) return;

  function debounce(fn, ms) {
    let t = null;
    return () => { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  async function refresh(target, url) {
    const r = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (r.ok) { target.innerHTML = await r.text(); localTimes(target); }
  }

  const refreshRows = rows ? debounce(() => refresh(rows, table.dataset.listUrl), 250) : null;
  const refreshTranscript = transcript ? debounce(() => refresh(transcript, transcript.dataset.url), 150) : null;

  const source = window.shopbotSSE.listen("/staff/events", {});
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
  ["message", "handoff", "mode", "staff_message", "feedback", "note", "customer_erased", "status", "assigned", "csat"].forEach((type) => {
    window.shopbotSSE.on(source, type, (data) => {
      if (refreshRows) refreshRows();
      if (refreshTranscript && data.conversation_id === transcript.dataset.conversation) refreshTranscript();
    });
  });

  if (kb) {
    const box = document.getElementById("progress");
    const bar = document.getElementById("progress-bar");
    const text = document.getElementById("progress-text");
    window.shopbotSSE.on(source, "kb_progress", (d) => {
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
