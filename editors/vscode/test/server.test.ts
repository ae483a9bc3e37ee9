// The extension's settings mapping and explain command against the real server binary:
// whatever toServerConfig produces must be a configuration `statuslint lsp` accepts and obeys,
// and whatever `statuslint explain --format json` prints must render.
//
// The binary is $STATUSLINT, else ../../target/release/statuslint; CI sets STATUSLINT. Without
// either the tests are skipped, with the reason printed.

import assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InlayHint,
  InlayHintRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { RawSettings, toServerConfig } from "../src/config";
import { renderCode, runExplain } from "../src/explain";
import { parseSearchResult, SEARCH_COMMAND, searchArguments } from "../src/search";

const REPO = resolve(__dirname, "../../../..");
const SERVER = process.env.STATUSLINT ?? resolve(REPO, "target/release/statuslint");
const FIXTURE = resolve(REPO, "editors/test-fixtures/app.js");
const FIXTURE_URI = pathToFileURL(FIXTURE).href;
const TEXT = readFileSync(FIXTURE, "utf8");
const skip = existsSync(SERVER) ? false : `no server at ${SERVER}: run \`cargo build --release\` or set STATUSLINT`;
if (process.env.STATUSLINT && !existsSync(SERVER)) {
  throw new Error(`STATUSLINT is ${SERVER}, which does not exist`);
}

/** A running server with one document open, and the diagnostics it publishes, in order. */
class Session {
  private readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly published: PublishDiagnosticsParams[] = [];
  private waiters: (() => void)[] = [];
  capabilities: Record<string, unknown> = {};

  constructor() {
    this.process = spawn(SERVER, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((wake) => wake());
    });
    this.connection.listen();
  }

  async open(settings: RawSettings): Promise<void> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(resolve(FIXTURE, "..")).href,
      capabilities: {},
      initializationOptions: toServerConfig(settings).config,
    });
    this.capabilities = result.capabilities as Record<string, unknown>;
    await this.connection.sendNotification(InitializedNotification.type, {});
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: FIXTURE_URI, languageId: "javascript", version: 1, text: TEXT },
    });
  }

  /** The `count`-th publication for the fixture (1-based), waiting for it if need be. */
  async diagnostics(count: number): Promise<Diagnostic[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const mine = this.published.filter((p) => p.uri === FIXTURE_URI);
      if (mine.length >= count) {
        return mine[count - 1].diagnostics;
      }
      if (Date.now() > deadline) {
        throw new Error(`the server published ${mine.length} diagnostic sets for app.js, expected ${count}`);
      }
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 1_000);
      });
    }
  }

  async close(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    this.connection.dispose();
    this.process.kill();
  }
}

const sessions: Session[] = [];
async function session(settings: RawSettings): Promise<Session> {
  const opened = new Session();
  sessions.push(opened);
  await opened.open(settings);
  return opened;
}
after(() => Promise.all(sessions.map((s) => s.close().catch(() => undefined))));

const reserved = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === "platform-reserved");
const LINE_531 = TEXT.split("\n").findIndex((line) => line.includes("res.status(531)"));

describe("settings reach the server", { skip }, () => {
  test("defaults: a platform-reserved warning on 531", async () => {
    const found = reserved(await (await session({})).diagnostics(1));
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 2, "warning");
    assert.equal(found[0].range.start.line, LINE_531);
  });

  test("statuslint.rules raises platform-reserved to an error", async () => {
    const found = reserved(await (await session({ rules: { "platform-reserved": "error" } })).diagnostics(1));
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 1, "error");
  });

  test("statuslint.rules can turn platform-reserved off", async () => {
    const found = reserved(await (await session({ rules: { "platform-reserved": "off" } })).diagnostics(1));
    assert.deepEqual(found, []);
  });

  test("statuslint.platforms without Edgio silences Edgio's 531", async () => {
    const found = reserved(await (await session({ platforms: ["cloudflare"] })).diagnostics(1));
    assert.deepEqual(found, []);
  });

  test("statuslint.allow silences 531", async () => {
    const found = reserved(await (await session({ allow: [531] })).diagnostics(1));
    assert.deepEqual(found, []);
  });

  test("a settings change is applied and re-published", async () => {
    const running = await session({});
    assert.equal(reserved(await running.diagnostics(1))[0]?.severity, 2);
    await running.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: toServerConfig({ rules: { "platform-reserved": "error" } }).config,
    });
    assert.equal(reserved(await running.diagnostics(2))[0]?.severity, 1);
  });

  test("inlay hints name the code after a bare 429", async () => {
    const running = await session({ inlayHints: true });
    await running.diagnostics(1);
    assert.ok(running.capabilities.inlayHintProvider, "the server advertises inlayHintProvider");
    const hints = (await running.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: FIXTURE_URI },
      range: { start: { line: 0, character: 0 }, end: { line: TEXT.split("\n").length, character: 0 } },
    })) as InlayHint[] | null;
    const labels = (hints ?? []).map((hint) =>
      typeof hint.label === "string" ? hint.label : hint.label.map((part) => part.value).join(""),
    );
    assert.ok(labels.some((label) => label.includes("Too Many Requests")), `hints: ${JSON.stringify(labels)}`);
  });
});

describe("insert by phrase against the real server", { skip }, () => {
  const search = async (running: Session, query: string, place?: Parameters<typeof searchArguments>[1]) =>
    parseSearchResult(
      await running.connection.sendRequest(ExecuteCommandRequest.type, {
        command: SEARCH_COMMAND,
        arguments: searchArguments(query, place),
      }),
    );

  test("the server offers the command the extension sends", async () => {
    const running = await session({});
    const provider = running.capabilities.executeCommandProvider as { commands: string[] } | undefined;
    assert.ok(provider?.commands.includes(SEARCH_COMMAND), JSON.stringify(provider));
  });

  test("a phrase finds the code, best first", async () => {
    const running = await session({});
    const items = await search(running, "too many");
    assert.equal(items[0]?.insertText, "429");
    assert.equal(items[0]?.label, "429 Too Many Requests");
    assert.equal((await search(running, "teapto"))[0]?.insertText, "418");
  });

  test("after StatusCode:: in Rust the constant is inserted", async () => {
    const running = await session({});
    const uri = "file:///search.rs";
    const text = "fn h() -> StatusCode { StatusCode::";
    await running.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "rust", version: 1, text },
    });
    const items = await search(running, "too many", { uri, line: 0, character: text.length });
    assert.equal(items[0]?.insertText, "TOO_MANY_REQUESTS");
  });
});

describe("explain against the real binary", { skip }, () => {
  test("a code renders with its platform", async () => {
    const result = await runExplain(SERVER, "531");
    assert.equal(result.kind, "code");
    const markdown = result.kind === "code" ? renderCode(result.entry) : "";
    assert.match(markdown, /^# 531 /);
    assert.match(markdown, /Edgio/);
  });

  test("a phrase lists matches, best first", async () => {
    const result = await runExplain(SERVER, "too many requests");
    assert.equal(result.kind, "matches");
    assert.equal(result.kind === "matches" && result.matches[0].code, 429);
  });

  test("an invalid code is an error with the server's reason", async () => {
    const result = await runExplain(SERVER, "999");
    assert.equal(result.kind, "error");
    assert.match(result.kind === "error" ? result.message : "", /not a valid HTTP status code/);
  });

  test("a binary that cannot run is an error, not a crash", async () => {
    const result = await runExplain(resolve(REPO, "editors/test-fixtures/app.js"), "531");
    assert.equal(result.kind, "error");
  });
});
