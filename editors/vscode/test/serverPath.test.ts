import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { repairBundledServer, resolveServer } from "../src/serverPath";

/** A folder with executables at the given relative paths (and one non-executable file). */
function sandbox(executables: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "statuslint-path-"));
  for (const file of executables) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "#!/bin/sh\n");
    chmodSync(join(root, file), 0o755);
  }
  return root;
}

test("the setting wins over a bundled binary and PATH", () => {
  const root = sandbox(["mine/statuslint", "ext/server/statuslint", "bin/statuslint"]);
  const resolution = resolveServer({
    configured: join(root, "mine/statuslint"),
    extensionPath: join(root, "ext"),
    platform: "linux",
    env: { PATH: join(root, "bin") },
  });
  assert.deepEqual(resolution, { ok: true, path: join(root, "mine/statuslint"), source: "setting" });
});

test("a setting naming a missing file is an error, not a fall-back to PATH", () => {
  const root = sandbox(["bin/statuslint"]);
  const resolution = resolveServer({
    configured: join(root, "nope/statuslint"),
    extensionPath: join(root, "ext"),
    platform: "linux",
    env: { PATH: join(root, "bin") },
  });
  assert.equal(resolution.ok, false);
  assert.equal(!resolution.ok && resolution.reason, "setting-invalid");
  assert.match(!resolution.ok ? resolution.message : "", /not an executable file/);
});

test("a relative setting is refused: it would resolve against the workspace", () => {
  const root = sandbox(["bin/statuslint"]);
  const resolution = resolveServer({
    configured: "./tools/statuslint",
    extensionPath: join(root, "ext"),
    platform: "linux",
    env: { PATH: join(root, "bin") },
  });
  assert.equal(!resolution.ok && resolution.reason, "setting-invalid");
  assert.match(!resolution.ok ? resolution.message : "", /absolute path/);
});

test("~ in the setting means the home folder", () => {
  const root = sandbox(["home/.cargo/bin/statuslint"]);
  const resolution = resolveServer({
    configured: "~/.cargo/bin/statuslint",
    extensionPath: join(root, "ext"),
    platform: "linux",
    env: { HOME: join(root, "home") },
  });
  assert.deepEqual(resolution, { ok: true, path: join(root, "home/.cargo/bin/statuslint"), source: "setting" });
});

test("without a setting the bundled binary comes before PATH", () => {
  const root = sandbox(["ext/server/statuslint", "bin/statuslint"]);
  const resolution = resolveServer({
    configured: "  ",
    extensionPath: join(root, "ext"),
    platform: "linux",
    env: { PATH: join(root, "bin") },
  });
  assert.deepEqual(resolution, { ok: true, path: join(root, "ext/server/statuslint"), source: "bundled" });
});

test("PATH is searched in order, skipping non-executable files", () => {
  const root = sandbox(["second/statuslint", "third/statuslint"]);
  mkdirSync(join(root, "first"));
  writeFileSync(join(root, "first/statuslint"), "not executable");
  chmodSync(join(root, "first/statuslint"), 0o644);
  const resolution = resolveServer({
    configured: undefined,
    extensionPath: join(root, "ext"),
    platform: "linux",
    env: { PATH: [join(root, "first"), join(root, "second"), join(root, "third")].join(":") },
  });
  assert.deepEqual(resolution, { ok: true, path: join(root, "second/statuslint"), source: "path" });
});

test("relative and empty PATH entries are never searched", () => {
  const root = sandbox(["workspace/statuslint"]);
  const previous = process.cwd();
  process.chdir(join(root, "workspace"));
  try {
    const resolution = resolveServer({
      configured: undefined,
      extensionPath: join(root, "ext"),
      platform: "linux",
      env: { PATH: ":.:statuslint-dir" },
    });
    assert.equal(!resolution.ok && resolution.reason, "not-found");
  } finally {
    process.chdir(previous);
  }
});

test("nothing anywhere is a not-found error that says how to fix it", () => {
  const root = sandbox([]);
  const resolution = resolveServer({
    configured: "",
    extensionPath: join(root, "ext"),
    platform: "linux",
    env: { PATH: join(root, "bin") },
  });
  assert.equal(resolution.ok, false);
  assert.equal(!resolution.ok && resolution.reason, "not-found");
  assert.match(!resolution.ok ? resolution.message : "", /cargo install --locked --git/);
  assert.match(!resolution.ok ? resolution.message : "", /statuslint\.server\.path/);
});

test("on Windows the bundled binary is statuslint.exe and PATH uses PATHEXT", () => {
  const seen: string[] = [];
  const resolution = resolveServer({
    configured: undefined,
    extensionPath: "C:\\ext",
    platform: "win32",
    env: { Path: "C:\\tools;relative", PATHEXT: ".COM;.EXE" },
    isExecutable: (file) => {
      seen.push(file);
      return file === "C:\\tools\\statuslint.exe";
    },
  });
  assert.deepEqual(resolution, { ok: true, path: "C:\\tools\\statuslint.exe", source: "path" });
  assert.deepEqual(seen, ["C:\\ext\\server\\statuslint.exe", "C:\\tools\\statuslint.com", "C:\\tools\\statuslint.exe"]);
});

test("a bundled server that lost its executable bit is repaired and then chosen", () => {
  const root = sandbox([]);
  mkdirSync(join(root, "ext/server"), { recursive: true });
  writeFileSync(join(root, "ext/server/statuslint"), "#!/bin/sh\n");
  chmodSync(join(root, "ext/server/statuslint"), 0o644);
  assert.equal(repairBundledServer(join(root, "ext"), "linux"), true);
  const resolution = resolveServer({ configured: "", extensionPath: join(root, "ext"), platform: "linux", env: {} });
  assert.deepEqual(resolution, { ok: true, path: join(root, "ext/server/statuslint"), source: "bundled" });
});

test("repairing with no bundled server changes nothing", () => {
  const root = sandbox([]);
  assert.equal(repairBundledServer(join(root, "ext"), "linux"), false);
});
