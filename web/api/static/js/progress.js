// Live progress of one job (shared/DESIGN.md §4).
//
// PocketBase realtime through the JS SDK 0.21: subscribe to the record first, then read it, and
// read it again on every PB_CONNECT, because PocketBase has no replay: events sent while the
// connection was down are gone. Two quick updates may arrive out of order, so an update that is
// older than what is shown, or that would move progress backwards within the same status, is
// ignored. SDK 0.21 never retries a failed *first* connect (subscribe() rejects), so then, and when
// realtime has been down for 10 s, the page polls GET /api/jobs/{id} every 2 s instead. Everything
// stops at a terminal status.
(function () {
  "use strict";

  const root = document.getElementById("job");
  if (!root) {
    return;
  }

  const data = root.dataset;
  const id = data.jobId;
  const text = JSON.parse(data.i18n);
  const STEPS = JSON.parse(data.steps);
  const TERMINAL = JSON.parse(data.terminal);
  const POLL_MS = 2000;
  const REALTIME_GRACE_MS = 10000;
  const QUEUE_REFRESH_MS = 15000;

  const $ = (elementId) => document.getElementById(elementId);
  const parseDate = (value) => {
    if (!value) {
      return null;
    }
    const time = Date.parse(String(value).replace(" ", "T"));
    return Number.isNaN(time) ? null : time;
  };

  // The server's clock, so elapsed time is right even when the browser's clock is off.
  const clockOffset = (parseDate(data.now) ?? Date.now()) - Date.now();
  const now = () => Date.now() + clockOffset;

  let shown = { status: data.status, progress: Number(data.progress) || 0, updated: parseDate(data.updated) };
  let created = parseDate(data.created);
  let completedAt = parseDate(data.completed);
  let pb = null;
  let pollTimer = null;
  let watchdog = null;
  let queueTimer = null;
  let ticker = null;
  let downSince = null;
  let stopped = false;

  const isTerminal = (status) => TERMINAL.includes(status);

  function setMode(mode) {
    root.dataset.mode = mode;
    $("live").textContent = text.live[mode] || "";
  }

  function apply(job) {
    if (stopped || !job || !job.status || isTerminal(shown.status)) {
      return;
    }
    const progress = Number(job.progress) || 0;
    const updated = parseDate(job.updated);
    if (updated !== null && shown.updated !== null && updated < shown.updated) {
      return;
    }
    if (job.status === shown.status && progress < shown.progress) {
      return;
    }
    shown = { status: job.status, progress: progress, updated: updated ?? shown.updated };
    render(job);
    if (isTerminal(job.status)) {
      stop();
    }
  }

  function render(job) {
    const status = job.status;
    root.dataset.status = status;
    root.dataset.progress = String(shown.progress);

    const badge = $("status-badge");
    badge.className = "badge badge-" + status;
    badge.textContent = text.status[status] || status;
    $("job-title").textContent = text.title[status] || "";
    document.title = (text.title[status] || "") + " · MovieGen";

    const queue = $("queue");
    if (status === "pending" && Number.isInteger(job.queue_position)) {
      $("queue-position").textContent = String(job.queue_position);
      queue.hidden = false;
    } else if (status !== "pending") {
      queue.hidden = true;
    }

    $("progress-bar").value = shown.progress;
    $("progress-percent").textContent = shown.progress + "%";

    const current = status === "failed" && job.failed_step ? job.failed_step : job.current_step;
    const currentIndex = STEPS.indexOf(current || "");
    for (const item of $("steps").children) {
      const index = STEPS.indexOf(item.dataset.step);
      let state = "todo";
      if (status === "completed") {
        state = "done";
      } else if (status !== "pending" && currentIndex >= 0) {
        if (index < currentIndex) {
          state = "done";
        } else if (index === currentIndex) {
          state = status === "failed" ? "failed" : status === "processing" ? "current" : "todo";
        }
      }
      item.className = "step " + state;
    }
    $("steps").hidden = status === "completed";

    const message = $("progress-message");
    message.textContent = job.progress_message || (status === "pending" ? text.waiting : "");
    message.hidden = isTerminal(status);

    if (job.created) {
      created = parseDate(job.created) ?? created;
    }
    if (job.completed_at) {
      completedAt = parseDate(job.completed_at);
    }

    if (status === "completed") {
      const video = $("video");
      if (!video.getAttribute("src")) {
        video.src = data.videoUrl;
      }
      const expires = parseDate(job.expires_at);
      if (expires !== null) {
        const hours = Math.max(1, Math.round((expires - now()) / 3600000));
        $("expiry").textContent = text.expiry.replace("{hours}", String(hours));
      }
      $("result").hidden = false;
    }
    $("hint").hidden = isTerminal(status);
    if (status === "failed") {
      $("failure-step-name").textContent = (job.failed_step && text.step[job.failed_step]) || "—";
      $("failure-message").textContent = job.error_message || "";
      $("failure").hidden = false;
    }
    if (status === "cancelled") {
      $("cancelled-message").textContent = job.error_message || "";
    }
    $("cancelled").hidden = status !== "cancelled";
    $("cancel-form").hidden = isTerminal(status);
    tick();
  }

  function tick() {
    if (created === null) {
      return;
    }
    const end = isTerminal(shown.status) ? (completedAt ?? now()) : now();
    const seconds = Math.max(0, Math.floor((end - created) / 1000));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = String(seconds % 60).padStart(2, "0");
    $("elapsed").textContent = h > 0 ? h + ":" + String(m).padStart(2, "0") + ":" + s : m + ":" + s;
  }

  function gone() {
    stop();
    $("gone").hidden = false;
    $("cancel-form").hidden = true;
  }

  function stop() {
    stopped = true;
    stopPolling();
    clearInterval(watchdog);
    clearInterval(queueTimer);
    clearInterval(ticker);
    tick();
    setMode("");
    if (pb) {
      pb.realtime.unsubscribe().catch(() => {});
    }
  }

  // ----- polling (fallback) -----------------------------------------------------------------

  async function poll() {
    try {
      const response = await fetch(data.statusUrl, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.status === 404) {
        gone();
      } else if (response.ok) {
        apply(await response.json());
      }
    } catch (_) {
      // The API is unreachable for a moment: the next round tries again.
    }
  }

  function startPolling() {
    if (pollTimer !== null || stopped) {
      return;
    }
    setMode("polling");
    const round = async () => {
      await poll();
      if (pollTimer !== null && !stopped) {
        pollTimer = setTimeout(round, POLL_MS);
      }
    };
    pollTimer = setTimeout(round, 0);
  }

  function stopPolling() {
    clearTimeout(pollTimer);
    pollTimer = null;
  }

  // ----- realtime -----------------------------------------------------------------------------

  async function reread() {
    try {
      apply(await pb.collection("jobs").getOne(id));
    } catch (error) {
      if (error && error.status === 404) {
        gone();
        return;
      }
      await poll();
      return;
    }
    if (shown.status === "pending") {
      await poll(); // the queue position is the API's, not the record's
    }
  }

  function onConnect() {
    downSince = null;
    if (pollTimer !== null) {
      stopPolling();
    }
    setMode("realtime");
    reread();
  }

  function watchRealtime() {
    if (stopped) {
      return;
    }
    if (pb.realtime.isConnected) {
      if (downSince !== null || pollTimer !== null) {
        onConnect();
      }
      return;
    }
    if (downSince === null) {
      downSince = Date.now();
      if (pollTimer === null) {
        setMode("reconnecting");
      }
    } else if (Date.now() - downSince >= REALTIME_GRACE_MS) {
      startPolling();
    }
  }

  async function start() {
    ticker = setInterval(tick, 1000);
    queueTimer = setInterval(() => {
      if (shown.status === "pending" && pollTimer === null) {
        poll();
      }
    }, QUEUE_REFRESH_MS);

    if (typeof window.PocketBase !== "function" || !data.pbUrl) {
      startPolling();
      return;
    }

    pb = new window.PocketBase(data.pbUrl);
    pb.autoCancellation(false);
    try {
      await pb.collection("jobs").subscribe(id, (event) => {
        if (event.action === "delete") {
          gone();
        } else {
          apply(event.record);
        }
      });
    } catch (_) {
      startPolling();
      return;
    }
    if (stopped) {
      return;
    }
    setMode("realtime");
    await pb.realtime.subscribe("PB_CONNECT", onConnect);
    watchdog = setInterval(watchRealtime, 1000);
    await reread();
  }

  // ----- cancel -------------------------------------------------------------------------------

  const form = $("cancel-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = $("cancel-button");
    const error = $("cancel-error");
    button.disabled = true;
    button.textContent = text.cancelling;
    error.textContent = "";
    try {
      const response = await fetch(data.cancelUrl, { method: "POST", headers: { Accept: "application/json" } });
      if (response.ok) {
        apply(await response.json());
      } else {
        const problem = await response.json().catch(() => null);
        error.textContent = (problem && problem.detail) || text.cancelFailed;
        await poll();
      }
    } catch (_) {
      error.textContent = text.cancelFailed;
    }
    button.disabled = false;
    button.textContent = text.cancel;
  });

  if (!isTerminal(shown.status)) {
    start();
  }
})();
