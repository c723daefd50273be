/// <reference path="../pb_data/types.d.ts" />
// Admin-only: store one element of ASP.NET's data-protection key ring (a key or a revocation).
//
// API instances that start together on an empty store each make a first key at the same moment;
// if both were kept, each would sign with its own and, two minutes after start, no longer look up
// the other's (ASP.NET re-reads the ring for an unknown key only in that window). So a key that is
// active the moment it is made ("immediate") is refused (409) while another immediate key younger
// than five minutes exists: the loser's key manager fails once, reads the ring again, and uses the
// winner's key. Keys made ahead of their activation (the normal rotation) are always taken; every
// instance reads them long before they activate.

routerAdd("POST", "/api/moviegen/data-protection/keys", (c) => {
  const body = $apis.requestInfo(c).data || {};
  const name = String(body.name || "");
  const xml = String(body.xml || "");
  if (!name || name.length > 200 || !xml || xml.length > 100000) {
    throw new BadRequestError("name (at most 200 characters) and xml (at most 100000) are required.");
  }
  const immediate = body.immediate === true;

  let result = null;
  $app.dao().runInTransaction((txDao) => {
    try {
      txDao.findFirstRecordByData("data_protection_keys", "name", name);
      result = { status: 200, body: { stored: false, reason: "exists" } };
      return;
    } catch (_) {
      // not stored yet
    }

    if (immediate) {
      const since = new Date(Date.now() - 5 * 60 * 1000).toISOString().replace("T", " ");
      const recent = txDao.findRecordsByFilter("data_protection_keys",
        "immediate = true && created >= {:since}", "-created", 1, 0, { since: since });
      if (recent.length > 0) {
        result = { status: 409, body: { code: 409, message: "Another instance made the first key a moment ago.", data: { reason: "key_exists" } } };
        return;
      }
    }

    const record = new Record(txDao.findCollectionByNameOrId("data_protection_keys"), { name: name, xml: xml, immediate: immediate });
    txDao.saveRecord(record);
    result = { status: 201, body: { stored: true } };
  });
  return c.json(result.status, result.body);
}, $apis.requireAdminAuth());
