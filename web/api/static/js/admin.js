// Operations dashboard (/admin).
//
// The page arrives with the current state in data- attributes and draws it at once. Live updates
// come from the API's own event stream (/api/admin/events), which relays one admin-authenticated
// PocketBase realtime subscription: the browser never holds a PocketBase token. "ready" and
// "reconnected" mean "subscribed from now on", so everything is read again then: events sent while
// a connection was down are lost (PocketBase has no replay). "job" events move the running cards
// and the queue at once; a change of status or step also re-reads the figures and the history a
// moment later (at most one re-read at a time). When the stream cannot be had, the JSON endpoints
// are polled every 5 s and the stream is tried again now and then.
(function () {
  "use strict";

  const root = document.getElementById("dash");
  if (!root) {
    return;
  }

  const data = root.dataset;
  const text = JSON.parse(data.i18n);
  const STEPS = JSON.parse(data.steps);
  const POLL_MS = 5000;
  const READY_TIMEOUT_MS = 8000;
  const REOPEN_MS = 15000;
  const REFRESH_DELAY_MS = 600;

  const $ = (id) => document.getElementById(id);
  const parseDate = (value) => {
    if (!value) {
      return null;
    }
    const time = Date.parse(value);
    return Number.isNaN(time) ? null : time;
  };
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));

  let progress = JSON.parse(data.progress);
  let stats = JSON.parse(data.stats);
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;

  const running = new Map();
  let queue = [];
  let queueTotal = 0;
  const history = {
    status: (progress.history && progress.history.status) || "",
    page: (progress.history && progress.history.page) || 1,
  };

  let source = null;
  let readyTimer = null;
  let reopenTimer = null;
  let pollTimer = null;
  let refreshTimer = null;
  let refreshing = false;
  let dirty = false;

  // ----- formatting ---------------------------------------------------------------------------

  const numberFormat = new Intl.NumberFormat(text.locale);
  const timeFormat = new Intl.DateTimeFormat(text.locale, { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  const clockFormat = new Intl.DateTimeFormat(text.locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

  function duration(seconds) {
    if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
      return "—";
    }
    if (seconds < 10) {
      return fill(text.seconds, { s: (Math.round(seconds * 10) / 10).toLocaleString(text.locale) });
    }
    if (seconds < 60) {
      return fill(text.seconds, { s: Math.round(seconds) });
    }
    const whole = Math.round(seconds);
    if (whole < 3600) {
      return fill(text.minutes, { m: Math.floor(whole / 60), s: whole % 60 });
    }
    return fill(text.hours, { h: Math.floor(whole / 3600), m: Math.floor((whole % 3600) / 60) });
  }

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = String(s % 60).padStart(2, "0");
    return h > 0 ? h + ":" + String(m).padStart(2, "0") + ":" + rest : m + ":" + rest;
  }

  function since(iso) {
    const start = parseDate(iso);
    return start === null ? null : (now() - start) / 1000;
  }

  // ----- DOM helpers --------------------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (key === "className") {
        node.className = value;
      } else if (key === "text") {
        node.textContent = value;
      } else {
        node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child);
      }
    }
    return node;
  }

  function setText(node, value) {
    const next = String(value);
    if (node.textContent !== next) {
      node.textContent = next;
    }
  }

  /** Puts one element per item into the list, in order, reusing the ones already there. */
  function reconcile(list, items, create, update) {
    const existing = new Map();
    for (const child of list.children) {
      existing.set(child.dataset.id, child);
    }
    items.forEach((item, index) => {
      let node = existing.get(item.id);
      if (node) {
        existing.delete(item.id);
      } else {
        node = create(item);
      }
      update(node, item, index);
      if (list.children[index] !== node) {
        list.insertBefore(node, list.children[index] || null);
      }
    });
    for (const node of existing.values()) {
      node.remove();
    }
  }

  function stageName(step) {
    return text.step[step] || text.stepShort[step] || step;
  }

  function cancelButton() {
    return el("button", { type: "button", className: "button small danger-outline", "data-action": "cancel" }, text.cancel);
  }

  // ----- figures ------------------------------------------------------------------------------

  function setKpi(key, value, sub) {
    setText($("kpi-" + key), value);
    setText($("kpi-" + key + "-sub"), sub || "");
  }

  function renderStats() {
    const count = (n) => numberFormat.format(n);
    setKpi("created", count(stats.created), fill(text.pendingNow, { n: stats.pending }));
    setKpi("completed", count(stats.completed), fill(text.runningNow, { n: stats.processing }));
    const worst = (stats.failures_by_step || []).filter((f) => f.count > 0).sort((a, b) => b.count - a.count)[0];
    setKpi("failed", count(stats.failed), worst ? fill(text.topFailure, { step: text.stepShort[worst.step] || worst.step, n: worst.count }) : "");
    $("kpi-failed").closest(".kpi").classList.toggle("has-value", stats.failed > 0);
    setKpi("cancelled", count(stats.cancelled), "");

    const rate = stats.success_rate;
    const success = $("kpi-success").closest(".kpi");
    success.classList.remove("good", "warn", "bad");
    if (rate === null || rate === undefined) {
      setKpi("success", "—", text.noData);
    } else {
      const percent = Math.round(rate * 1000) / 10;
      setKpi("success", percent.toLocaleString(text.locale) + "%", text.successSub);
      success.classList.add(rate >= 0.95 ? "good" : rate >= 0.8 ? "warn" : "bad");
    }

    const processing = stats.processing_time || {};
    setKpi("processing-avg", duration(processing.average_seconds), processing.count ? fill(text.avgSub, { n: processing.count }) : text.noData);
    setKpi("processing-p95", duration(processing.p95_seconds), processing.count ? fill(text.p95Sub, { n: processing.count }) : text.noData);
    const wait = stats.queue_wait || {};
    setKpi("wait-avg", duration(wait.average_seconds), wait.count ? fill(text.waitSub, { n: wait.count }) + " · " + fill(text.p95Of, { value: duration(wait.p95_seconds) }) : text.noData);

    renderBars();
  }

  function renderBars() {
    const failures = stats.failures_by_step || [];
    const most = Math.max(1, ...failures.map((f) => f.count));
    const total = failures.reduce((sum, f) => sum + f.count, 0);
    setText($("failures-total"), total);
    $("failures").replaceChildren(...failures.map((f) => el("li", { className: "bar stage-" + f.step + (f.count === 0 ? " is-zero" : ""), "data-step": f.step },
      el("span", { className: "bar-name", text: text.stepShort[f.step] || f.step }),
      el("progress", { max: most, value: f.count }),
      el("span", { className: "bar-value", text: numberFormat.format(f.count) }))));
    if (total === 0) {
      $("failures").append(el("li", { className: "bars-note", text: text.noFailures }));
    }

    const steps = stats.steps || [];
    const longest = Math.max(0.001, ...steps.map((s) => s.average_seconds || 0));
    $("step-times").replaceChildren(...steps.map((s) => el("li", { className: "bar stage-" + s.step + (s.count === 0 ? " is-zero" : ""), "data-step": s.step },
      el("span", { className: "bar-name", text: text.stepShort[s.step] || s.step }),
      el("progress", { max: longest, value: s.average_seconds || 0 }),
      el("span", { className: "bar-value" }, duration(s.average_seconds),
        s.count ? el("small", { text: fill(text.p95Of, { value: duration(s.p95_seconds) }) }) : null))));
    if (steps.every((s) => s.count === 0)) {
      $("step-times").append(el("li", { className: "bars-note", text: text.noSteps }));
    }
  }

  // ----- running jobs, stages, queue ----------------------------------------------------------

  function byStageThenStart(a, b) {
    const stage = STEPS.indexOf(b.step) - STEPS.indexOf(a.step);
    return stage !== 0 ? stage : (parseDate(a.started_at) ?? 0) - (parseDate(b.started_at) ?? 0);
  }

  function byQueueOrder(a, b) {
    const created = (parseDate(a.created) ?? 0) - (parseDate(b.created) ?? 0);
    return created !== 0 ? created : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  function createRunCard(job) {
    const meta = (label, className) => el("div", null, el("dt", { text: label }), el("dd", { className: className }));
    return el("article", { className: "run-card", "data-id": job.id },
      el("div", { className: "run-top" }, el("span", { className: "stage-chip" }), el("span", { className: "run-pct" })),
      el("a", { className: "run-url", href: job.page_url, title: text.open }),
      el("progress", { max: 100, value: 0 }),
      el("p", { className: "run-msg" }),
      el("dl", { className: "run-meta" },
        meta(text.elapsed, "run-elapsed"), meta(text.inStep, "run-step-elapsed"),
        meta(text.worker, "run-worker"), meta(text.attempts, "run-attempts")),
      el("div", { className: "run-actions" }, cancelButton()));
  }

  function updateRunCard(card, job) {
    card.className = "run-card stage-" + job.step;
    card.dataset.step = job.step;
    card.dataset.progress = String(job.progress);
    setText(card.querySelector(".stage-chip"), stageName(job.step));
    setText(card.querySelector(".run-pct"), job.progress + "%");
    const link = card.querySelector(".run-url");
    setText(link, job.url);
    link.href = job.page_url;
    card.querySelector("progress").value = job.progress;
    setText(card.querySelector(".run-msg"), job.message || "");
    setText(card.querySelector(".run-worker"), job.worker_id || "—");
    card.querySelector(".run-worker").title = job.worker_id || "";
    setText(card.querySelector(".run-attempts"), job.attempts);
    tickCard(card, job);
  }

  function tickCard(card, job) {
    const elapsed = since(job.started_at);
    setText(card.querySelector(".run-elapsed"), elapsed === null ? "—" : clock(elapsed));
    const inStep = since(job.step_started_at);
    setText(card.querySelector(".run-step-elapsed"), inStep === null ? "—" : clock(inStep));
  }

  function createQueueItem(job) {
    return el("li", { className: "queue-item", "data-id": job.id },
      el("span", { className: "queue-pos" }),
      el("a", { className: "queue-url", href: job.page_url, title: text.open }),
      el("span", { className: "queue-age" }),
      cancelButton());
  }

  function updateQueueItem(item, job, index) {
    setText(item.querySelector(".queue-pos"), index + 1);
    const link = item.querySelector(".queue-url");
    setText(link, job.url);
    link.href = job.page_url;
    tickQueueItem(item, job);
  }

  function tickQueueItem(item, job) {
    const age = since(job.created);
    setText(item.querySelector(".queue-age"), text.waiting + " " + (age === null ? "—" : duration(age)));
  }

  function renderLive() {
    const jobs = [...running.values()].sort(byStageThenStart);
    reconcile($("running"), jobs, createRunCard, updateRunCard);
    $("running-empty").hidden = jobs.length > 0;
    setText($("running-total"), jobs.length);
    setText($("running-count"), jobs.length);

    for (const step of STEPS) {
      const count = jobs.filter((j) => j.step === step).length;
      setText($("stage-" + step), count);
      $("stage-" + step).closest(".stage").classList.toggle("is-empty", count === 0);
    }
    setText($("stage-queue"), queueTotal);
    $("stage-queue").closest(".stage").classList.toggle("is-empty", queueTotal === 0);

    queue.sort(byQueueOrder);
    reconcile($("queue"), queue, createQueueItem, updateQueueItem);
    $("queue-empty").hidden = queue.length > 0;
    setText($("queue-total"), queueTotal);
  }

  function tick() {
    for (const card of $("running").children) {
      const job = running.get(card.dataset.id);
      if (job) {
        tickCard(card, job);
      }
    }
    queue.forEach((job, index) => {
      const item = $("queue").children[index];
      if (item && item.dataset.id === job.id) {
        tickQueueItem(item, job);
      }
    });
  }

  // ----- history ------------------------------------------------------------------------------

  function historyRow(job) {
    const failedStep = job.status === "failed" ? job.failed_step : "";
    const durations = el("span", { className: "durations" }, ...STEPS
      .filter((step) => job.step_seconds && job.step_seconds[step] !== undefined)
      .map((step) => el("span", { className: "dur stage-" + step, title: stageName(step) }, (text.stepShort[step] || step) + " " + duration(job.step_seconds[step]))));
    if (failedStep) {
      durations.append(el("span", { className: "dur failed" }, fill(text.failedAt, { step: text.stepShort[failedStep] || failedStep })));
    }
    if (!durations.children.length) {
      durations.append(el("span", { className: "muted", text: "—" }));
    }

    let action = null;
    if (job.status === "failed" || job.status === "cancelled") {
      action = el("button", { type: "button", className: "button small", "data-action": "retry" }, text.retry);
    } else if (job.status === "pending" || job.status === "processing") {
      action = cancelButton();
    }

    const created = parseDate(job.created);
    return el("tr", { "data-id": job.id, "data-status": job.status },
      el("td", { className: "h-time", "data-label": text.columns.created, title: job.created }, created === null ? "—" : timeFormat.format(created)),
      el("td", { className: "h-url", "data-label": "URL" },
        el("a", { href: job.page_url, title: job.url, text: job.url }),
        job.error_message && job.status === "failed" ? el("span", { className: "h-error", title: job.error_message, text: job.error_message }) : null),
      el("td", { className: "h-status", "data-label": text.columns.status },
        el("span", { className: "badge badge-" + job.status, text: text.status[job.status] || job.status })),
      el("td", { className: "h-steps", "data-label": text.columns.steps }, durations),
      el("td", { className: "h-total", "data-label": text.columns.total }, duration(job.processing_seconds)),
      el("td", { className: "h-attempts", "data-label": text.columns.attempts }, String(job.attempts)),
      el("td", { className: "h-actions" }, action));
  }

  /** A job on the page of history being shown changes in place; whether it still belongs on this
   *  page (filter, order) is settled by the re-read that follows. */
  function updateHistoryRow(job, action) {
    const row = $("history").querySelector("tr[data-id='" + CSS.escape(job.id) + "']");
    if (!row) {
      return;
    }
    if (action === "delete") {
      row.remove();
    } else if (!history.status || history.status === job.status) {
      row.replaceWith(historyRow(job));
    }
  }

  function renderHistory() {
    const page = progress.history;
    $("history").replaceChildren(...page.items.map(historyRow));
    $("history-empty").hidden = page.items.length > 0;
    const pages = Math.max(1, page.total_pages);
    setText($("history-page"), fill(text.page, { page: page.page, pages: pages, total: numberFormat.format(page.total_items) }));
    pagerLink($("history-prev"), page.page > 1 ? page.page - 1 : null);
    pagerLink($("history-next"), page.page < pages ? page.page + 1 : null);
    for (const chip of $("history-filters").children) {
      chip.setAttribute("aria-current", chip.dataset.status === history.status ? "true" : "false");
    }
  }

  function historyHref(status, page) {
    const query = new URLSearchParams();
    if (status) {
      query.set("status", status);
    }
    if (page > 1) {
      query.set("page", String(page));
    }
    const search = query.toString();
    return "/admin" + (search ? "?" + search : "");
  }

  function pagerLink(link, page) {
    link.dataset.page = page === null ? "" : String(page);
    link.setAttribute("aria-disabled", page === null ? "true" : "false");
    link.href = historyHref(history.status, page || history.page);
  }

  // ----- reading the state ----------------------------------------------------------------------

  function takeProgress(snapshot) {
    progress = snapshot;
    clockOffset = (parseDate(snapshot.now) ?? Date.now()) - Date.now();
    running.clear();
    for (const stage of snapshot.stages) {
      for (const job of stage.jobs) {
        running.set(job.id, job);
      }
    }
    queue = snapshot.queue.jobs.slice();
    queueTotal = snapshot.queue.count;
    renderLive();
    renderHistory();
    setText($("updated"), fill(text.updated, { time: clockFormat.format(now()) }));
  }

  function progressUrl() {
    const query = new URLSearchParams({ page: String(history.page) });
    if (history.status) {
      query.set("status", history.status);
    }
    return data.progressUrl + "?" + query.toString();
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" });
    if (response.status === 401) {
      window.location.assign(data.loginUrl);
      throw new Error("signed out");
    }
    if (!response.ok) {
      throw new Error("HTTP " + response.status);
    }
    return response.json();
  }

  async function refreshAll() {
    if (refreshing) {
      dirty = true;
      return;
    }
    refreshing = true;
    dirty = false;
    try {
      const [nextProgress, nextStats] = await Promise.all([getJson(progressUrl()), getJson(data.statsUrl)]);
      stats = nextStats;
      renderStats();
      takeProgress(nextProgress);
    } catch (_) {
      // PocketBase or the API is unreachable for a moment: the next event, poll or reconnect reads again.
    } finally {
      refreshing = false;
      if (dirty) {
        refreshSoon();
      }
    }
  }

  function refreshSoon(delay) {
    if (refreshTimer === null) {
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        refreshAll();
      }, delay ?? REFRESH_DELAY_MS);
    }
  }

  function applyJob(job, action) {
    const queued = queue.findIndex((j) => j.id === job.id);
    const known = running.get(job.id) || (queued >= 0 ? queue[queued] : null);
    // Two quick updates may arrive out of order: never go back to an older version.
    if (known && action !== "delete" && (parseDate(job.updated) ?? 0) < (parseDate(known.updated) ?? 0)) {
      return;
    }
    const moved = !known || action !== "update" || known.status !== job.status || known.step !== job.step;

    running.delete(job.id);
    if (queued >= 0) {
      queue.splice(queued, 1);
      queueTotal = Math.max(0, queueTotal - 1);
    }
    if (action !== "delete") {
      if (job.status === "processing") {
        running.set(job.id, job);
      } else if (job.status === "pending") {
        queue.push(job);
        queueTotal += 1;
      }
    }
    renderLive();
    updateHistoryRow(job, action);
    if (refreshing) {
      dirty = true; // the read in flight may predate this change
    }
    if (moved) {
      refreshSoon();
    }
  }

  // ----- live connection ------------------------------------------------------------------------

  function setMode(mode) {
    root.dataset.mode = mode;
    setText($("live"), text.live[mode] || "");
  }

  function startPolling() {
    if (pollTimer !== null) {
      return;
    }
    setMode("polling");
    const round = async () => {
      await refreshAll();
      if (pollTimer !== null) {
        pollTimer = setTimeout(round, POLL_MS);
      }
    };
    pollTimer = setTimeout(round, 0);
  }

  function stopPolling() {
    clearTimeout(pollTimer);
    pollTimer = null;
  }

  function armReadyTimeout() {
    clearTimeout(readyTimer);
    readyTimer = setTimeout(startPolling, READY_TIMEOUT_MS);
  }

  function onReady() {
    clearTimeout(readyTimer);
    stopPolling();
    setMode("live");
    refreshAll();
  }

  function openStream() {
    clearTimeout(reopenTimer);
    if (typeof window.EventSource !== "function") {
      startPolling();
      return;
    }
    if (pollTimer === null) {
      setMode("connecting");
    }
    source = new EventSource(data.eventsUrl);
    armReadyTimeout();
    source.addEventListener("ready", onReady);
    source.addEventListener("reconnected", onReady);
    source.addEventListener("down", () => {
      if (pollTimer === null) {
        setMode("reconnecting");
      }
      armReadyTimeout();
    });
    source.addEventListener("job", (event) => {
      try {
        const change = JSON.parse(event.data);
        applyJob(change.job, change.action);
      } catch (_) {
        refreshSoon();
      }
    });
    source.onerror = () => {
      if (source && source.readyState === EventSource.CLOSED) {
        // Refused (signed out, or the API answered an error): the browser does not retry by itself.
        source = null;
        startPolling();
        reopenTimer = setTimeout(openStream, REOPEN_MS);
      } else if (pollTimer === null) {
        setMode("reconnecting");
        armReadyTimeout();
      }
    };
  }

  // ----- actions --------------------------------------------------------------------------------

  let toastTimer = null;
  function toast(message) {
    const box = $("toast");
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      box.hidden = true;
    }, 5000);
  }

  async function act(button) {
    const holder = button.closest("[data-id]");
    if (!holder) {
      return;
    }
    const action = button.dataset.action;
    button.disabled = true;
    try {
      const response = await fetch(data.jobsUrl + encodeURIComponent(holder.dataset.id) + "/" + action, {
        method: "POST",
        headers: { Accept: "application/json", [data.csrfHeader]: data.csrfToken },
        credentials: "same-origin",
      });
      if (response.status === 401) {
        window.location.assign(data.loginUrl);
        return;
      }
      if (response.ok) {
        applyJob(await response.json(), "update");
        refreshSoon(0);
        return;
      }
      const problem = await response.json().catch(() => null);
      toast((problem && problem.detail) || text.actionFailed);
    } catch (_) {
      toast(text.actionFailed);
    }
    button.disabled = false;
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) {
      event.preventDefault();
      act(button);
      return;
    }
    const chip = event.target.closest("#history-filters a[data-status]");
    if (chip) {
      event.preventDefault();
      history.status = chip.dataset.status;
      history.page = 1;
      navigateHistory();
      return;
    }
    const pager = event.target.closest(".pager a");
    if (pager) {
      event.preventDefault();
      if (pager.dataset.page) {
        history.page = Number(pager.dataset.page);
        navigateHistory();
      }
    }
  });

  function navigateHistory() {
    window.history.replaceState(null, "", historyHref(history.status, history.page));
    for (const chip of $("history-filters").children) {
      chip.setAttribute("aria-current", chip.dataset.status === history.status ? "true" : "false");
    }
    refreshAll();
  }

  // ----- start ----------------------------------------------------------------------------------

  renderStats();
  takeProgress(progress);
  setInterval(tick, 1000);
  openStream();
})();
