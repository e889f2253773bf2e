// shopbot web chat: streamed replies over SSE (fetch), sources, cards, feedback, hand-off, live staff messages.
// Every piece of text goes in through textContent; nothing from the server is parsed as HTML.
(function () {
  "use strict";
  const chat = document.getElementById("chat");
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const sendBtn = document.getElementById("send");
  let conversationId = chat.dataset.conversation || null;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function scroll() { log.scrollTop = log.scrollHeight; }

  function bubble(kind, text) {
    const li = el("li", "msg " + kind);
    li.appendChild(el("p", "text", text));
    log.appendChild(li);
    scroll();
    return li;
  }

  function systemNote(text) { return bubble("system", text); }

  async function postJSON(url, body) {
    const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
    if (!r.ok) throw new Error(url + " " + r.status);
    return r.json();
  }

  function feedbackButtons(li, messageId) {
    li.dataset.messageId = String(messageId);
    const box = el("div", "fb");
    [["1", "👍", "Helpful"], ["-1", "👎", "Not helpful"]].forEach(([value, label, aria]) => {
      const b = el("button", "fb-btn", label + " " + aria);  // text next to the emoji: it vanishes without an emoji font
      b.type = "button"; b.dataset.value = value; b.setAttribute("aria-label", aria);
      box.appendChild(b);
    });
    li.appendChild(box);
  }

  function safeHref(url) {
    if (typeof url !== "string") return null;
    return /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : null;
  }

  function renderReply(li, reply) {
    li.querySelector(".text").textContent = reply.text;
    if (reply.conversation_id) conversationId = reply.conversation_id;
    if (reply.sources && reply.sources.length) {
      const ul = el("ul", "sources");
      reply.sources.forEach((s) => ul.appendChild(el("li", null, s.title || s.doc_id || s.source)));
      li.appendChild(ul);
    }
    if (reply.cards && reply.cards.length) {
      const row = el("div", "cards");
      reply.cards.forEach((c) => {
        const card = el("a", "card");
        const href = safeHref(c.url);
        card.href = href || "#";
        card.dataset.sku = c.sku;
        card.appendChild(el("strong", null, c.name));
        card.appendChild(el("span", "price", (Number(c.price) || 0).toFixed(2) + " " + (c.currency || "")));
        if (c.reason) card.appendChild(el("span", "reason", c.reason));
        card.addEventListener("click", (ev) => {
          if (!href) ev.preventDefault();
          postJSON("/chat/rec", { kind: "click", sku: c.sku, message_id: reply.message_id, conversation_id: reply.conversation_id })
            .catch(() => {});
        });
        row.appendChild(card);
      });
      li.appendChild(row);
    }
    (reply.buttons || []).forEach((b) => {
      const btn = el("button", "quick", b.label);
      btn.type = "button";
      btn.addEventListener("click", () => (b.action === "handoff" ? askForPerson() : send(b.label)));
      li.appendChild(btn);
    });
    if (reply.message_id && reply.text) feedbackButtons(li, reply.message_id);
    scroll();
  }

  async function send(text) {
    bubble("me", text);
    const li = bubble("bot pending", "");
    sendBtn.disabled = true;
    try {
      const r = await fetch("/chat/stream", {
        method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: text, conversation_id: conversationId, message_id: "web-" + Date.now() + "-" + Math.random().toString(36).slice(2) }),
      });
      if (!r.ok) throw new Error("status " + r.status);
      const textNode = li.querySelector(".text");
      await window.shopbotSSE.read(r, (event, data) => {
        if (event === "token") { textNode.textContent += data.text; scroll(); }
        else if (event === "replace") { textNode.textContent = data.text; }
        else if (event === "reply") {
          li.classList.remove("pending");
          if (!data.text && (data.flags || []).includes("staff_mode")) {
            li.remove();
            if (data.conversation_id) conversationId = data.conversation_id;
          } else { renderReply(li, data); }
        } else if (event === "error") { li.classList.add("error"); textNode.textContent = "Sorry, something went wrong. Please try again."; }
      });
    } catch (err) {
      li.classList.add("error");
      li.querySelector(".text").textContent = "Sorry, I could not reach the shop. Please try again.";
    } finally {
      sendBtn.disabled = false;
      li.classList.remove("pending");
    }
  }

  async function askForPerson() {
    if (!conversationId) { await send("I'd like to talk to a person"); return; }
    try {
      await postJSON("/chat/handoff", { conversation_id: conversationId });
      systemNote("Thanks — a member of our team will join this chat.");
    } catch (err) { systemNote("Sorry, that did not work. Please try again."); }
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  document.getElementById("handoff").addEventListener("click", askForPerson);

  // "Show me" under a campaign message: the click is recorded and the offered product shown as a card
  log.addEventListener("click", async (ev) => {
    const btn = ev.target.closest(".offer-btn");
    if (!btn) return;
    btn.disabled = true;
    try {
      const data = await postJSON("/chat/offer", { message_id: Number(btn.dataset.messageId) });
      const p = data.product;
      const href = safeHref(p.url);
      const card = el(href ? "a" : "div", "card offer-card");
      if (href) card.href = href;
      card.appendChild(el("strong", null, p.name));
      if (p.price !== null) card.appendChild(el("span", "price", Number(p.price).toFixed(2) + " " + p.currency));
      const row = el("div", "cards");
      row.appendChild(card);
      btn.closest("li").appendChild(row);
      scroll();
    } catch (err) {
      btn.disabled = false;
      systemNote("Sorry, that offer is no longer available.");
    }
  });

  // the Unsubscribe button under a campaign message: opts out at once (the server checks the message is ours)
  log.addEventListener("click", async (ev) => {
    const btn = ev.target.closest(".unsub-btn");
    if (!btn) return;
    btn.disabled = true;
    try {
      const data = await postJSON("/chat/unsubscribe", { message_id: Number(btn.dataset.messageId) });
      document.querySelectorAll(".unsub-btn").forEach((b) => { b.disabled = true; });
      btn.replaceWith(el("span", "unsub-done", data.text));
    } catch (err) {
      btn.disabled = false;
      systemNote("Sorry, that did not work. Please try again, or type STOP.");
    }
  });

  log.addEventListener("click", (ev) => {
    const btn = ev.target.closest(".fb-btn");
    if (!btn) return;
    const li = btn.closest("[data-message-id]");
    postJSON("/chat/feedback", { message_id: Number(li.dataset.messageId), value: Number(btn.dataset.value) })
      .then(() => { li.querySelectorAll(".fb-btn").forEach((b) => b.setAttribute("aria-pressed", String(b === btn))); })
      .catch(() => {});
  });

  // one rating question (1-5) when staff resolve the conversation, answered at most once
  const RATINGS = ["1 – very poor", "2 – poor", "3 – okay", "4 – good", "5 – excellent"];
  function askRating(convId) {
    if (document.getElementById("csat")) return;
    const li = el("li", "msg bot csat");
    li.id = "csat";
    li.appendChild(el("p", "text", "How did we do? Please rate this conversation:"));
    const row = el("div", "csat-buttons");
    RATINGS.forEach((label, i) => {
      const b = el("button", "quick csat-btn", "★ " + label);
      b.type = "button"; b.dataset.score = String(i + 1); b.setAttribute("aria-label", "rate " + label);
      b.addEventListener("click", async () => {
        row.querySelectorAll("button").forEach((x) => { x.disabled = true; });
        try {
          await postJSON("/chat/csat", { conversation_id: convId, score: i + 1 });
          row.remove();
          li.querySelector(".text").textContent = "Thanks! You rated us " + (i + 1) + " out of 5.";
        } catch (err) {
          row.remove();
          li.querySelector(".text").textContent = "Thanks — this conversation was already rated.";
        }
      });
      row.appendChild(b);
    });
    li.appendChild(row);
    log.appendChild(li);
    scroll();
  }
  window.shopbotSSE.listen("/chat/events", {
    staff_message: (data) => {
      if (data.conversation_id) conversationId = data.conversation_id;
      const li = bubble("staff", data.text);
      li.insertBefore(el("span", "author", data.author || "Staff"), li.firstChild);
    },
    mode: (data) => {
      systemNote(data.mode === "staff" ? "A member of our team has joined the chat." : "You're chatting with the shop assistant again.");
    },
    csat_request: (data) => { askRating(data.conversation_id || conversationId); },
  });
  if (chat.dataset.csatPending === "1" && conversationId) askRating(conversationId);

  // a photo for staff (a damaged item): checked on the server by its bytes, shown to staff only
  const photo = document.getElementById("photo");
  if (photo) photo.addEventListener("change", async () => {
    const file = photo.files && photo.files[0];
    if (!file) return;
    const body = new FormData();
    body.append("file", file);
    if (conversationId) body.append("conversation_id", conversationId);
    const li = bubble("me", "📎 Sending photo…");
    try {
      const r = await fetch("/chat/upload", { method: "POST", body, credentials: "same-origin", headers: { "X-Shopbot-Upload": "1" } });
      const data = await r.json().catch(() => ({}));
      if (!r.ok) throw new Error(typeof data.detail === "string" ? data.detail : "upload failed (" + r.status + ")");
      if (data.conversation_id) conversationId = data.conversation_id;
      li.querySelector(".text").textContent = "📎 Photo sent: " + file.name;
      li.classList.add("photo-sent");
    } catch (err) {
      li.remove();
      systemNote("The photo was not sent: " + err.message);
    }
    photo.value = "";
  });
  scroll();
})();
