// Transactional job operations behind the admin-only routes in jobs.pb.js.
//
// PocketBase 0.22 runs each route handler in its own goja VM, so handlers cannot see this file's
// top level; they require() it. Every operation runs in $app.dao().runInTransaction: PocketBase
// serialises write transactions, so a check-then-write inside one is atomic across all callers.
// Dates are written in PocketBase's own text form (space, not "T"), which is also how they compare.

// The messages written here, in each language of the service (MovieGen.Lang; the first is the
// default). Tests create and cancel a job in every language the C# type has.
const MESSAGES = {
  ja: {
    exhausted: (attempts) => "処理が " + attempts + " 回とも途中で止まったため、再試行をやめました（ワーカーが応答しなくなりました）。",
    operatorCancelled: "このサービスの運営者が動画の作成を取り消しました。",
  },
  en: {
    exhausted: (attempts) => "Processing stopped part-way on all " + attempts + " attempts (the worker stopped responding), so it was not retried again.",
    operatorCancelled: "An operator of this service cancelled making this video.",
  },
};

function langOf(code) {
  return Object.prototype.hasOwnProperty.call(MESSAGES, code) ? code : Object.keys(MESSAGES)[0];
}

function pbDate(d) {
  return d.toISOString().replace("T", " ");
}

function parsePbDate(s) {
  return s ? new Date(String(s).replace(" ", "T")) : null;
}

function addSeconds(d, seconds) {
  return new Date(d.getTime() + seconds * 1000);
}

function refusal(status, reason, message, extra) {
  const data = { reason: reason };
  for (const k in extra || {}) data[k] = extra[k];
  return { status: status, body: { code: status, message: message, data: data } };
}

function ok(record, status) {
  return { status: status || 200, body: record };
}

function int(value, name, min, max) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new BadRequestError(name + " must be an integer between " + min + " and " + max + ".");
  }
  return n;
}

function num(value, name, min, max) {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new BadRequestError(name + " must be a number between " + min + " and " + max + ".");
  }
  return n;
}

function str(value, name, maxLength) {
  if (typeof value !== "string" || value.length === 0 || value.length > maxLength) {
    throw new BadRequestError(name + " must be a non-empty string of at most " + maxLength + " characters.");
  }
  return value;
}

function inTransaction(fn) {
  let result = null;
  $app.dao().runInTransaction((txDao) => {
    result = fn(txDao);
  });
  return result;
}

function count(txDao, where, params) {
  const row = new DynamicModel({ n: 0 });
  txDao.db().newQuery("SELECT COUNT(*) AS n FROM jobs WHERE " + where).bind(params).one(row);
  return row.n;
}

function findJob(txDao, id) {
  try {
    return txDao.findRecordById("jobs", id);
  } catch (_) {
    throw new NotFoundError("The job does not exist.");
  }
}

function finish(record, status, expirationHours, now) {
  record.set("status", status);
  record.set("completed_at", pbDate(now));
  record.set("expires_at", pbDate(addSeconds(now, expirationHours * 3600)));
  record.set("lease_until", "");
}

// Count the client's jobs of the last 24 h and the pending ones; refuse with a machine-readable
// reason when over a limit, otherwise create. The same client submitting the same URL while its
// job is still queued or running gets that job back instead of a second one.
function createWithLimits(body) {
  const url = str(body.url, "url", 2048);
  const clientIp = str(body.client_ip, "client_ip", 128);
  const perDay = int(body.max_per_day, "max_per_day", 1, 1000000);
  const maxQueue = int(body.max_queue, "max_queue", 1, 1000000);
  const lang = langOf(body.lang);

  return inTransaction((txDao) => {
    const now = new Date();
    const active = txDao.findRecordsByFilter("jobs",
      "client_ip = {:ip} && url = {:url} && (status = 'pending' || status = 'processing')",
      "-created", 1, 0, { ip: clientIp, url: url });
    if (active.length > 0) {
      return { status: 200, body: { duplicate: true, job: active[0] } };
    }

    // COUNT queries, so the cost does not grow with the limits.
    const since = pbDate(addSeconds(now, -24 * 3600));
    if (count(txDao, "client_ip = {:ip} AND created >= {:since}", { ip: clientIp, since: since }) >= perDay) {
      const oldest = txDao.findRecordsByFilter("jobs", "client_ip = {:ip} && created >= {:since}",
        "created", 1, 0, { ip: clientIp, since: since })[0];
      const oldestAt = parsePbDate(oldest.getString("created"));
      const retryAfter = Math.max(1, Math.ceil((oldestAt.getTime() + 24 * 3600 * 1000 - now.getTime()) / 1000));
      return refusal(429, "daily_quota", "Daily job quota reached for this client.",
        { limit: perDay, retry_after: retryAfter });
    }

    if (count(txDao, "status = 'pending'", {}) >= maxQueue) {
      return refusal(503, "queue_full", "The queue is full.", { limit: maxQueue, retry_after: 60 });
    }

    const record = new Record(txDao.findCollectionByNameOrId("jobs"), {
      url: url,
      status: "pending",
      progress: 0,
      progress_message: "",
      client_ip: clientIp,
      lang: lang,
      attempts: 0,
    });
    txDao.saveRecord(record);
    return { status: 201, body: { duplicate: false, job: record } };
  });
}

// Take the oldest pending job, or a processing job whose lease expired with attempts left, and
// mark it processing for this worker. Jobs whose lease expired on their last attempt end failed
// here, so a job that kills its worker every time cannot loop forever.
function claim(body) {
  const workerId = str(body.worker_id, "worker_id", 128);
  const leaseSeconds = int(body.lease_seconds, "lease_seconds", 1, 86400);
  const maxAttempts = int(body.max_attempts, "max_attempts", 1, 100);
  const expirationHours = num(body.expiration_hours, "expiration_hours", 0.001, 24 * 365);

  return inTransaction((txDao) => {
    const now = new Date();
    const nowText = pbDate(now);

    const exhausted = txDao.findRecordsByFilter("jobs",
      "status = 'processing' && lease_until < {:now} && attempts >= {:max}",
      "created", 100, 0, { now: nowText, max: maxAttempts });
    for (const job of exhausted) {
      job.set("failed_step", job.getString("current_step") || "fetch"); // killed before its first progress write
      job.set("error_message", MESSAGES[langOf(job.getString("lang"))].exhausted(job.getInt("attempts")));
      finish(job, "failed", expirationHours, now);
      txDao.saveRecord(job);
    }

    const candidates = txDao.findRecordsByFilter("jobs",
      "status = 'pending' || (status = 'processing' && lease_until < {:now} && attempts < {:max})",
      "created,id", 1, 0, { now: nowText, max: maxAttempts });
    if (candidates.length === 0) {
      return { status: 200, body: { job: null, failed: exhausted.length } };
    }

    const job = candidates[0];
    job.set("status", "processing");
    job.set("worker_id", workerId);
    job.set("lease_until", pbDate(addSeconds(now, leaseSeconds)));
    job.set("attempts", job.getInt("attempts") + 1);
    if (!job.getString("started_at")) job.set("started_at", nowText);
    txDao.saveRecord(job);
    return { status: 200, body: { job: job, failed: exhausted.length } };
  });
}

// Null while the job is processing under this worker; otherwise the refusal (409) its writes get.
function notHeld(job, workerId) {
  const status = job.getString("status");
  if (status === "processing" && job.getString("worker_id") === workerId) return null;
  return refusal(409, status === "processing" ? "not_owner" : status,
    "The job is no longer held by this worker.", { status: status, worker_id: job.getString("worker_id") });
}

const WORKER_FIELDS = ["progress_message", "current_step", "video_size", "video_duration",
  "error_message", "failed_step", "step_timings"];

// A worker's write to a job it holds: renews the lease, keeps progress monotonic, and refuses
// (409) when the job is no longer this worker's to write — cancelled, finished or reclaimed. A job
// completes only once its video is on the record (the worker uploads it first).
function workerUpdate(id, body) {
  const workerId = str(body.worker_id, "worker_id", 128);
  const leaseSeconds = int(body.lease_seconds, "lease_seconds", 1, 86400);
  const fields = body.fields || {};

  return inTransaction((txDao) => {
    const job = findJob(txDao, id);
    const refused = notHeld(job, workerId);
    if (refused) return refused;

    const now = new Date();
    for (const name of WORKER_FIELDS) {
      if (fields[name] !== undefined && fields[name] !== null) job.set(name, fields[name]);
    }
    if (fields.progress !== undefined && fields.progress !== null) {
      job.set("progress", Math.max(job.getInt("progress"), Math.min(100, Math.max(0, Math.floor(Number(fields.progress))))));
    }
    job.set("lease_until", pbDate(addSeconds(now, leaseSeconds)));

    if (fields.status === "completed" && !job.getString("video")) {
      throw new BadRequestError("A job completes only once its video is stored on the record.");
    }
    if (fields.status === "completed" || fields.status === "failed") {
      const expirationHours = num(body.expiration_hours, "expiration_hours", 0.001, 24 * 365);
      if (fields.status === "completed") job.set("progress", 100);
      finish(job, fields.status, expirationHours, now);
    } else if (fields.status !== undefined && fields.status !== null) {
      throw new BadRequestError("A worker may only set status to completed or failed.");
    }
    txDao.saveRecord(job);
    return ok(job);
  });
}

// The worker's results on the record — script.yaml when its step ends, the finished MP4 with its
// size and length before the completion write — stored only while the job is this worker's. The
// records API cannot do this: its update saves the whole row as it read it when the request
// began, so a cancel that landed while the file was uploading was written back as processing.
// Here the files go to PocketBase's storage first, outside any transaction (an upload to S3 takes
// time, and every write waits while a transaction is open); then one transaction checks the job
// is still held by this worker and names the files on the record, touching nothing else. A refused
// store deletes what it uploaded; a replaced file is deleted once the record names its successor.
const FILE_FIELDS = ["video", "script"];

function storeFiles(id, c) {
  const workerId = str(c.formValue("worker_id"), "worker_id", 128);
  const before = findJob($app.dao(), id);
  const early = notHeld(before, workerId);
  if (early) return early;

  const schema = $app.dao().findCollectionByNameOrId("jobs").schema;
  const uploads = [];
  for (const field of FILE_FIELDS) {
    let header = null;
    try {
      header = c.formFile(field);
    } catch (_) {
      continue; // this part was not sent
    }
    const maxSize = schema.getFieldByName(field).options.maxSize;
    if (header.size > maxSize) throw new BadRequestError(field + " is larger than " + maxSize + " bytes.");
    uploads.push({ field: field, file: $filesystem.fileFromMultipart(header) });
  }
  if (uploads.length === 0) throw new BadRequestError("Send a video or a script file.");
  const sizeText = c.formValue("video_size");
  const durationText = c.formValue("video_duration");
  const size = sizeText === "" ? null : int(sizeText, "video_size", 0, Number.MAX_SAFE_INTEGER);
  const duration = durationText === "" ? null : num(durationText, "video_duration", 0, 7 * 86400);

  const dir = before.baseFilesPath() + "/";
  const fs = $app.newFilesystem();
  let unwanted = [];
  try {
    for (const upload of uploads) {
      try {
        fs.uploadFile(upload.file, dir + upload.file.name);
      } catch (e) {
        // The storage (S3, or a full disk) refused: worth the worker's retry, unlike a bad request.
        throw new ApiError(503, "The file storage did not take " + upload.field + ": " + e, {});
      }
      unwanted.push(upload.file.name); // until the record names it
    }
    const replaced = [];
    const result = inTransaction((txDao) => {
      const job = findJob(txDao, id);
      const refused = notHeld(job, workerId);
      if (refused) return refused;
      for (const upload of uploads) {
        const old = job.getString(upload.field);
        if (old && old !== upload.file.name) replaced.push(old);
        job.set(upload.field, upload.file.name);
      }
      if (size !== null) job.set("video_size", size);
      if (duration !== null) job.set("video_duration", duration);
      txDao.saveRecord(job);
      return ok(job);
    });
    if (result.status === 200) unwanted = replaced;
    return result;
  } finally {
    for (const name of unwanted) {
      try {
        fs.delete(dir + name);
      } catch (_) {
        // already gone; the record's whole folder goes when the job is purged
      }
    }
    fs.close();
  }
}

// Give a held job back to the queue (graceful shutdown): the attempt it used is returned too.
function release(id, body) {
  const workerId = str(body.worker_id, "worker_id", 128);
  return inTransaction((txDao) => {
    const job = findJob(txDao, id);
    const refused = notHeld(job, workerId);
    if (refused) return refused;
    job.set("status", "pending");
    job.set("worker_id", "");
    job.set("lease_until", "");
    job.set("attempts", Math.max(0, job.getInt("attempts") - 1));
    txDao.saveRecord(job);
    return ok(job);
  });
}

// Cancel a queued or running job; idempotent; 409 when it already finished. An operator's cancel
// (by: "operator") leaves the requester a message saying so, in their language.
function cancel(id, body) {
  const expirationHours = num(body.expiration_hours, "expiration_hours", 0.001, 24 * 365);
  return inTransaction((txDao) => {
    const job = findJob(txDao, id);
    const status = job.getString("status");
    if (status === "cancelled") return ok(job);
    if (status === "completed" || status === "failed") {
      return refusal(409, "finished", "The job has already finished.", { status: status });
    }
    if (body.by === "operator") {
      job.set("error_message", MESSAGES[langOf(job.getString("lang"))].operatorCancelled);
    }
    finish(job, "cancelled", expirationHours, new Date());
    txDao.saveRecord(job);
    return ok(job);
  });
}

// Put a failed or cancelled job back in the queue with its attempts reset (operators). A stored
// script stays (the retry does not pay for the LLM again); a video that was stored before a cancel
// is let go, so the job renders again. (Dao.saveRecord leaves the file in storage; it goes with the
// record when the job is purged.)
function retry(id) {
  return inTransaction((txDao) => {
    const job = findJob(txDao, id);
    const status = job.getString("status");
    if (status !== "failed" && status !== "cancelled") {
      return refusal(409, "not_retryable", "Only failed or cancelled jobs can be retried.", { status: status });
    }
    for (const name of ["error_message", "failed_step", "worker_id", "lease_until", "completed_at",
      "expires_at", "started_at", "current_step", "progress_message", "video"]) {
      job.set(name, "");
    }
    job.set("video_size", 0);
    job.set("video_duration", 0);
    job.set("status", "pending");
    job.set("attempts", 0);
    job.set("progress", 0);
    job.set("step_timings", null);
    txDao.saveRecord(job);
    return ok(job);
  });
}

module.exports = { createWithLimits, claim, workerUpdate, storeFiles, release, cancel, retry };
