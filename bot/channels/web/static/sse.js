// shopbot: the one server-sent-events helper the chat page and the staff dashboard share.
// shopbotSSE.listen(url, {type: handler}) opens an EventSource and calls handler(data, event) with each event's JSON data;
// shopbotSSE.on(source, type, handler) adds one more such handler;
// shopbotSSE.read(response, onEvent) parses an SSE response body read with fetch (a POST cannot use EventSource).
(function () {
  "use strict";

  function parse(text) {
    try { return JSON.parse(text); } catch (err) { return null; }
  }

  function on(source, type, handler) {
    source.addEventListener(type, (ev) => handler(parse(ev.data) || {}, ev));
  }

  function listen(url, handlers) {
    const source = new EventSource(url);
    Object.keys(handlers).forEach((type) => on(source, type, handlers[type]));
    return source;
  }

  async function read(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = "message"; const data = [];
        frame.split("\n").forEach((line) => {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        });
        if (data.length) onEvent(event, JSON.parse(data.join("\n")));
      }
    }
  }

  window.shopbotSSE = { listen: listen, on: on, read: read };
})();
