/// <reference path="../pb_data/types.d.ts" />
// Nothing shared but PocketBase (shared/DESIGN.md §9): the job record holds its results, and the
// API's data-protection keys live here too, so workers and API instances may run on any hosts.
//
// - jobs.video: the finished MP4. maxSize from measured bitrates at 1920x1080 (H.264 CRF 20 + AAC
//   96k, the pipeline's settings): the real slideshow 185 kbit/s in total; a 15 fps sprite animation
//   over a full-detail picture — a pessimistic stand-in for animated characters — 0.8 Mbit/s. At
//   MAX_VIDEO_DURATION_MINUTES' ceiling of 60 that is 83 MB and 360 MB; 1 GiB leaves ~3x over the
//   pessimistic case. PocketBase 0.22 puts no limit of its own on a multipart body (it spools
//   uploads past 32 MB to temp files), so this is the limit that applies.
// - jobs.script: script.yaml (an 8-minute Japanese script is 33 kB; 2 MiB is ample).
// - jobs.video_path goes: the file lives on the record now, and a path of some worker's disk means
//   nothing to another host.
// - data_protection_keys: ASP.NET's key ring, admin-only (every rule null). `immediate` marks a key
//   that was active the moment it was made (a first key, or one after all keys expired); the
//   data-protection route lets only one such key in at a time, so API instances that start together
//   on an empty store agree on one key instead of each trusting its own.
const VIDEO_MAX_BYTES = 1024 * 1024 * 1024;
const SCRIPT_MAX_BYTES = 2 * 1024 * 1024;

migrate((db) => {
  const dao = new Dao(db);
  const jobs = dao.findCollectionByNameOrId("jobs");
  const file = (name, maxSize) => new SchemaField({
    name, type: "file", required: false,
    options: { maxSelect: 1, maxSize: maxSize, mimeTypes: [], thumbs: [], protected: false },
  });
  if (!jobs.schema.getFieldByName("video")) jobs.schema.addField(file("video", VIDEO_MAX_BYTES));
  if (!jobs.schema.getFieldByName("script")) jobs.schema.addField(file("script", SCRIPT_MAX_BYTES));
  const videoPath = jobs.schema.getFieldByName("video_path");
  if (videoPath) jobs.schema.removeField(videoPath.id);
  dao.saveCollection(jobs);

  try {
    dao.findCollectionByNameOrId("data_protection_keys");
  } catch (_) {
    dao.saveCollection(new Collection({
      name: "data_protection_keys",
      type: "base",
      system: false,
      listRule: null,
      viewRule: null,
      createRule: null,
      updateRule: null,
      deleteRule: null,
      schema: [
        { name: "name", type: "text", required: true, options: { min: null, max: 200, pattern: "" } },
        { name: "xml", type: "text", required: true, options: { min: null, max: 100000, pattern: "" } },
        { name: "immediate", type: "bool", required: false, options: {} },
      ],
      indexes: [
        "CREATE UNIQUE INDEX idx_dp_keys_name ON data_protection_keys (name)",
        "CREATE INDEX idx_dp_keys_immediate_created ON data_protection_keys (immediate, created)",
      ],
    }));
  }
}, (db) => {
  const dao = new Dao(db);
  const jobs = dao.findCollectionByNameOrId("jobs");
  for (const name of ["video", "script"]) {
    const field = jobs.schema.getFieldByName(name);
    if (field) jobs.schema.removeField(field.id);
  }
  if (!jobs.schema.getFieldByName("video_path")) {
    jobs.schema.addField(new SchemaField({ name: "video_path", type: "text", required: false, options: { min: null, max: 255, pattern: "" } }));
  }
  dao.saveCollection(jobs);
  try {
    dao.deleteCollection(dao.findCollectionByNameOrId("data_protection_keys"));
  } catch (_) {
    // already gone
  }
});
