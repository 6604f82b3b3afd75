// Preloaded with --import into a run of the CLI: makes the file system fail like a full, read-only or
// broken disk, from the nth write, open-for-writing, rename or mkdir on (NA_FAULT=CODE:op:n); or, with
// op "save", saves NA_SAVE_FROM over NA_SAVE_TO just before the nth rename, as a person saving a
// workbook in a spreadsheet program at the worst moment would.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const [code, op, after] = (process.env.NA_FAULT ?? "").split(":");
let calls = 0;
const fail = (path) => {
  calls += 1;
  if (calls < Number(after)) return;
  const err = new Error(`${code}: injected fault${path ? `, '${path}'` : ""}`);
  err.code = code;
  if (typeof path === "string") err.path = path;
  throw err;
};
const writing = (flags) => typeof flags === "string" && /[wa+]/.test(flags);

if (op === "write") {
  const writeSync = fs.writeSync;
  fs.writeSync = function (fd, ...rest) {
    fail();
    return writeSync.call(this, fd, ...rest);
  };
  const writeFileSync = fs.writeFileSync;
  fs.writeFileSync = function (path, ...rest) {
    fail(typeof path === "string" ? path : undefined);
    return writeFileSync.call(this, path, ...rest);
  };
}
if (op === "open") {
  const openSync = fs.openSync;
  fs.openSync = function (path, flags, ...rest) {
    if (writing(flags)) fail(String(path));
    return openSync.call(this, path, flags, ...rest);
  };
}
if (op === "rename") {
  const renameSync = fs.renameSync;
  fs.renameSync = function (from, to) {
    fail(String(to));
    return renameSync.call(this, from, to);
  };
}
if (op === "mkdir") {
  const mkdirSync = fs.mkdirSync;
  fs.mkdirSync = function (path, ...rest) {
    fail(String(path));
    return mkdirSync.call(this, path, ...rest);
  };
}
if (op === "save") {
  const renameSync = fs.renameSync;
  let saved = false;
  fs.renameSync = function (from, to) {
    calls += 1;
    if (!saved && calls >= Number(after)) {
      saved = true;
      const tmp = `${process.env.NA_SAVE_TO}.saving`;
      fs.copyFileSync(process.env.NA_SAVE_FROM, tmp);
      renameSync.call(this, tmp, process.env.NA_SAVE_TO);
    }
    return renameSync.call(this, from, to);
  };
}
syncBuiltinESMExports();
