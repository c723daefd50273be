/// <reference path="../pb_data/types.d.ts" />
// The jobs collection: queue, progress store and realtime source (shared/DESIGN.md §3).
//
// Rules: only admins (the API and the worker) list or write; anyone holding a job's random
// 15-character id may view it and subscribe to it, so a record must hold nothing private —
// client_ip is a keyed hash, video_path is relative to the job directory.
// v0.22 syntax (Dao + schema); the v0.23 `fields`/`app.save` form does not load on 0.22.
const STEPS = ["fetch", "script", "audio", "slides", "video"];

migrate((db) => {
  const dao = new Dao(db);
  try {
    dao.findCollectionByNameOrId("jobs");
    return; // already there (e.g. _migrations was reset): applying twice is harmless
  } catch (_) {
    // not found: create it below
  }

  const text = (name, max, required) => ({ name, type: "text", required: !!required, options: { min: null, max: max, pattern: "" } });
  const number = (name, min, max, noDecimal) => ({ name, type: "number", required: false, options: { min: min, max: max, noDecimal: !!noDecimal } });
  const date = (name) => ({ name, type: "date", required: false, options: { min: "", max: "" } });
  const select = (name, values, required) => ({ name, type: "select", required: !!required, options: { maxSelect: 1, values: values } });

  const collection = new Collection({
    name: "jobs",
    type: "base",
    system: false,
    listRule: null,
    viewRule: "",
    createRule: null,
    updateRule: null,
    deleteRule: null,
    schema: [
      text("url", 2048, true),
      select("status", ["pending", "processing", "completed", "failed", "cancelled"], true),
      number("progress", 0, 100, true),
      text("progress_message", 500),
      select("current_step", STEPS),
      text("video_path", 255),
      number("video_size", 0, null, true),
      number("video_duration", 0, null, false),
      text("error_message", 2000),
      select("failed_step", STEPS),
      text("client_ip", 128),
      select("lang", ["ja", "en"]),
      date("started_at"),
      date("completed_at"),
      date("expires_at"),
      number("attempts", 0, null, true),
      text("worker_id", 128),
      date("lease_until"),
      { name: "step_timings", type: "json", required: false, options: { maxSize: 20000 } },
    ],
    indexes: [
      "CREATE INDEX idx_jobs_status_created ON jobs (status, created)",
      "CREATE INDEX idx_jobs_client_ip_created ON jobs (client_ip, created)",
      "CREATE INDEX idx_jobs_expires_at ON jobs (expires_at)",
    ],
  });
  dao.saveCollection(collection);
}, (db) => {
  const dao = new Dao(db);
  try {
    dao.deleteCollection(dao.findCollectionByNameOrId("jobs"));
  } catch (_) {
    // already gone
  }
});
