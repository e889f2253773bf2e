// Live progress on a campaign page while it sends: poll the counts once a second, reload when it finishes.
(function () {
  "use strict";
  var box = document.getElementById("campaign");
  if (!box || box.dataset.running !== "yes") return;
  var id = box.dataset.id;
  function tick() {
    fetch("/staff/campaigns/" + id + "/progress", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        var parts = [];
        Object.keys(data.counts).forEach(function (k) { parts.push(k + " " + data.counts[k]); });
        document.getElementById("counts").textContent = parts.join(", ") || "none yet";
        document.getElementById("status").textContent = data.status;
        if (data.job && data.job.running === false && (data.job.done || data.job.error)) { window.location.reload(); return; }
        if (data.status === "sending" || (data.job && data.job.running)) setTimeout(tick, 1000);
        else window.location.reload();
      })
      .catch(function () { setTimeout(tick, 2000); });
  }
  setTimeout(tick, 500);
})();
