import assert from "node:assert/strict";
import { test } from "node:test";
import { answerConfigurationRequest, toServerConfig } from "../src/config";

test("defaults: no rule overrides, every platform, nothing allowed, inlay hints on", () => {
  assert.deepEqual(toServerConfig({}), {
    config: { rules: {}, allow: [], inlayHints: true },
    problems: [],
  });
});

test("the settings from the README map one to one", () => {
  const { config, problems } = toServerConfig({
    rules: { "platform-reserved": "error", "ok-on-error": "off" },
    platforms: ["cloudflare", "edgio"],
    allow: [499],
    inlayHints: false,
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(config, {
    rules: { "platform-reserved": "error", "ok-on-error": "off" },
    platforms: ["cloudflare", "edgio"],
    allow: [499],
    inlayHints: false,
  });
});

test("null platforms means all of them and is left out; an empty list is kept", () => {
  assert.equal("platforms" in toServerConfig({ platforms: null }).config, false);
  assert.deepEqual(toServerConfig({ platforms: [] }).config.platforms, []);
});

test("severities are normalised and aliases accepted", () => {
  const { config, problems } = toServerConfig({
    rules: { "Unknown-Code": " Warning ", "deprecated-code": "information", "unofficial-code": "warn" },
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(config.rules, { "unknown-code": "warning", "deprecated-code": "info", "unofficial-code": "warning" });
});

test("bad entries are dropped one by one and reported, the rest still applies", () => {
  const { config, problems } = toServerConfig({
    rules: { "platform-reserved": "loud", "unknown-code": "error" },
    platforms: ["cloudflare", 7, "Cloudflare"],
    allow: [499, "420", 600, 12.5, "abc", 499],
    inlayHints: "yes",
  });
  assert.deepEqual(config, {
    rules: { "unknown-code": "error" },
    platforms: ["cloudflare"],
    allow: [499, 420],
    inlayHints: false,
  });
  assert.equal(problems.length, 6);
  assert.match(problems[0], /platform-reserved.*"loud"/);
  assert.ok(problems.some((p) => p.includes("statuslint.platforms: 7")));
  assert.ok(problems.some((p) => p.includes("statuslint.allow: 600")));
  assert.ok(problems.some((p) => p.includes("statuslint.inlayHints")));
});

test("wrong shapes are reported, never thrown", () => {
  const { config, problems } = toServerConfig({ rules: ["error"], platforms: "cloudflare", allow: 499 });
  assert.deepEqual(config, { rules: {}, allow: [], inlayHints: true });
  assert.equal(problems.length, 3);
});

test("a configuration request gets the mapped settings for our section only", () => {
  const { config } = toServerConfig({ rules: { "platform-reserved": "error" } });
  assert.deepEqual(
    answerConfigurationRequest([{ section: "statuslint" }, {}, { section: "editor" }], config),
    [config, config, null],
  );
});

test("codeLens is sent only when set, and must be a boolean", () => {
  assert.equal(toServerConfig({}).config.codeLens, undefined);
  assert.equal(toServerConfig({ codeLens: false }).config.codeLens, false);
  const { config, problems } = toServerConfig({ codeLens: "no" });
  assert.equal(config.codeLens, undefined);
  assert.ok(problems.some((p) => p.includes("statuslint.codeLens")));
});
