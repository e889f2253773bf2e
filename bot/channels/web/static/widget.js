// shopbot chat widget for a shop's own pages: a floating button that opens the chat page in an iframe.
// <script src="https://chat.your-shop.com/static/widget.js" defer></script>
(function () {
  "use strict";
  const me = document.currentScript;
  const base = (me && me.dataset.shopbotUrl) || new URL(me.src).origin;
  const label = (me && me.dataset.label) || "Chat with us";
  const frame = document.createElement("iframe");
  frame.src = base + "/?embed=1";
  frame.title = label;
  frame.setAttribute("loading", "lazy");
  Object.assign(frame.style, {
    position: "fixed", right: "16px", bottom: "76px", width: "min(380px, calc(100vw - 32px))", height: "min(600px, calc(100vh - 100px))",
    border: "1px solid #d1d5db", borderRadius: "12px", boxShadow: "0 10px 30px rgba(0,0,0,.2)", display: "none", zIndex: "2147483000",
    background: "#fff",
  });
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  Object.assign(button.style, {
    position: "fixed", right: "16px", bottom: "16px", padding: "12px 18px", border: "0", borderRadius: "24px", background: "#2563eb",
    color: "#fff", font: "600 15px system-ui, sans-serif", cursor: "pointer", zIndex: "2147483000", boxShadow: "0 4px 14px rgba(0,0,0,.2)",
  });
  button.addEventListener("click", () => { frame.style.display = frame.style.display === "none" ? "block" : "none"; });
  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
