/// <reference path="../pb_data/types.d.ts" />
// Admin-only routes for what the REST API cannot do atomically. The logic lives in jobs_lib.js
// (handlers run in isolated VMs and must require() shared code).

routerAdd("POST", "/api/moviegen/jobs/create", (c) => {
  const result = require(`${__hooks}/jobs_lib.js`).createWithLimits($apis.requestInfo(c).data || {});
  return c.json(result.status, result.body);
}, $apis.requireAdminAuth());

routerAdd("POST", "/api/moviegen/jobs/claim", (c) => {
  const result = require(`${__hooks}/jobs_lib.js`).claim($apis.requestInfo(c).data || {});
  return c.json(result.status, result.body);
}, $apis.requireAdminAuth());

routerAdd("POST", "/api/moviegen/jobs/:id/update", (c) => {
  const result = require(`${__hooks}/jobs_lib.js`).workerUpdate(c.pathParam("id"), $apis.requestInfo(c).data || {});
  return c.json(result.status, result.body);
}, $apis.requireAdminAuth());

routerAdd("POST", "/api/moviegen/jobs/:id/files", (c) => {
  const result = require(`${__hooks}/jobs_lib.js`).storeFiles(c.pathParam("id"), c);
  return c.json(result.status, result.body);
}, $apis.requireAdminAuth());

routerAdd("POST", "/api/moviegen/jobs/:id/release", (c) => {
  const result = require(`${__hooks}/jobs_lib.js`).release(c.pathParam("id"), $apis.requestInfo(c).data || {});
  return c.json(result.status, result.body);
}, $apis.requireAdminAuth());

routerAdd("POST", "/api/moviegen/jobs/:id/cancel", (c) => {
  const result = require(`${__hooks}/jobs_lib.js`).cancel(c.pathParam("id"), $apis.requestInfo(c).data || {});
  return c.json(result.status, result.body);
}, $apis.requireAdminAuth());

routerAdd("POST", "/api/moviegen/jobs/:id/retry", (c) => {
  const result = require(`${__hooks}/jobs_lib.js`).retry(c.pathParam("id"));
  return c.json(result.status, result.body);
}, $apis.requireAdminAuth());
