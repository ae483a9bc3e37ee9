// The VS Code side: starts `statuslint lsp`, forwards settings, and adds the explain, insert by
// phrase and restart commands. Decisions (which binary, what configuration, how an entry reads) live in
// the vscode-free modules beside this one, where node's test runner exercises them.

import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { answerConfigurationRequest, RawSettings, toServerConfig } from "./config";
import { describeMatch, renderCode, runExplain } from "./explain";
import { parseSearchResult, SEARCH_COMMAND, searchArguments, SearchItem } from "./search";
import { repairBundledServer, resolveServer } from "./serverPath";

const LANGUAGES = ["javascript", "javascriptreact", "typescript", "typescriptreact", "rust", "python", "go"];
const INSTALL_URL = "https://github.com/statuslint/statuslint/tree/main/editors/vscode#install";
const PREVIEW_SCHEME = "statuslint-explain";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let serverPath: string | undefined;
const previews = new Map<string, string>();
const previewChanged = new vscode.EventEmitter<vscode.Uri>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("statuslint");
  context.subscriptions.push(
    output,
    previewChanged,
    vscode.commands.registerCommand("statuslint.restartServer", () => restart(context)),
    vscode.commands.registerCommand("statuslint.explain", (query?: string) => explain(context, query)),
    vscode.commands.registerCommand("statuslint.search", () => insertByPhrase()),
    vscode.commands.registerCommand("statuslint.showStatuses", showStatuses),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      onDidChange: previewChanged.event,
      provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? "",
    }),
    vscode.workspace.onDidChangeConfiguration((event) => onConfigurationChanged(context, event)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function settings(): RawSettings {
  const section = vscode.workspace.getConfiguration("statuslint");
  return {
    rules: section.get("rules"),
    platforms: section.get("platforms"),
    allow: section.get("allow"),
    inlayHints: section.get("inlayHints"),
    codeLens: section.get("codeLens"),
  };
}

function serverConfig() {
  const { config, problems } = toServerConfig(settings());
  for (const problem of problems) {
    output.appendLine(`settings: ${problem} (ignored)`);
  }
  if (problems.length > 0) {
    void vscode.window.showWarningMessage(`statuslint ignored part of its settings: ${problems[0]}`);
  }
  return config;
}

/** The server binary, or undefined after telling the user how to provide one. */
function findServer(context: vscode.ExtensionContext): string | undefined {
  const configured = vscode.workspace.getConfiguration("statuslint.server").get<string>("path");
  repairBundledServer(context.extensionPath, process.platform);
  const resolution = resolveServer({
    configured,
    extensionPath: context.extensionPath,
    platform: process.platform,
    env: process.env,
  });
  if (resolution.ok) {
    output.appendLine(`server: ${resolution.path} (from ${resolution.source})`);
    return resolution.path;
  }
  output.appendLine(resolution.message);
  const openSettings = "Open Settings";
  const install = "How to Install";
  void vscode.window.showErrorMessage(resolution.message, openSettings, install).then((choice) => {
    if (choice === openSettings) {
      void vscode.commands.executeCommand("workbench.action.openSettings", "statuslint.server.path");
    } else if (choice === install) {
      void vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
    }
  });
  return undefined;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  serverPath = findServer(context);
  if (!serverPath) {
    return;
  }
  const serverOptions: ServerOptions = {
    command: serverPath,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: serverConfig(),
    outputChannel: output,
    middleware: {
      workspace: {
        configuration: (params) => answerConfigurationRequest(params.items, serverConfig()),
      },
    },
  };
  client = new LanguageClient("statuslint", "statuslint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`server failed to start: ${String(error)}`);
    void vscode.window.showErrorMessage(`statuslint: the server ${serverPath} failed to start: ${String(error)}`);
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      output.appendLine(`stopping the server: ${String(error)}`);
    }
  }
  await start(context);
}

async function onConfigurationChanged(
  context: vscode.ExtensionContext,
  event: vscode.ConfigurationChangeEvent,
): Promise<void> {
  if (event.affectsConfiguration("statuslint.server.path")) {
    await restart(context);
    return;
  }
  const relevant = ["rules", "platforms", "allow", "inlayHints", "codeLens"].some((key) =>
    event.affectsConfiguration(`statuslint.${key}`),
  );
  if (relevant && client?.isRunning()) {
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverConfig() });
  }
}

async function explain(context: vscode.ExtensionContext, query?: string): Promise<void> {
  const asked =
    query ??
    (await vscode.window.showInputBox({
      title: "statuslint: Explain status code",
      prompt: "A status code, or words to search for",
      placeHolder: "531, rate limit, teapot",
      validateInput: (value) => (value.trim() ? undefined : "Type a code or a phrase"),
    }));
  if (!asked || !asked.trim()) {
    return;
  }
  const server = serverPath ?? findServer(context);
  if (!server) {
    return;
  }
  const result = await runExplain(server, asked);
  switch (result.kind) {
    case "error":
      void vscode.window.showErrorMessage(`statuslint: ${result.message}`);
      return;
    case "matches": {
      const picked = await vscode.window.showQuickPick(
        result.matches.map((match) => ({ ...describeMatch(match), code: match.code })),
        { title: `Status codes matching "${result.query}"`, matchOnDetail: true },
      );
      if (picked) {
        await explain(context, String(picked.code));
      }
      return;
    }
    case "code":
      await showMarkdown(`${result.entry.code}`, renderCode(result.entry));
  }
}

async function showMarkdown(name: string, markdown: string): Promise<void> {
  const uri = vscode.Uri.parse(`${PREVIEW_SCHEME}:/${name}.md`);
  previews.set(uri.toString(), markdown);
  previewChanged.fire(uri);
  try {
    await vscode.commands.executeCommand("markdown.showPreview", uri);
  } catch {
    // Without the built-in Markdown extension, the text itself is still readable.
    output.appendLine(markdown);
    output.show(true);
  }
}

/**
 * "Insert status code by phrase": a picker that searches as the user types (through the server,
 * so it ranks as completion does) and inserts the chosen code at every cursor, written as the
 * place there wants it (`429`, or `TOO_MANY_REQUESTS` after `StatusCode::`).
 */
async function insertByPhrase(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage("statuslint: open a file to insert a status code into.");
    return;
  }
  const running = client;
  if (!running?.isRunning()) {
    void vscode.window.showErrorMessage("statuslint: the server is not running (see the statuslint output).");
    return;
  }
  const cursor = editor.selection.active;
  const place = LANGUAGES.includes(editor.document.languageId)
    ? { uri: editor.document.uri.toString(), line: cursor.line, character: cursor.character }
    : undefined;
  type Pick = vscode.QuickPickItem & { item: SearchItem };
  const picker = vscode.window.createQuickPick<Pick>();
  picker.title = "statuslint: Insert status code by phrase";
  picker.placeholder = "Too Many Requests, rate limit, teapot, 42";
  // The server has ranked the items already; VS Code's own filter would reorder and drop them.
  picker.matchOnDescription = false;
  picker.matchOnDetail = false;
  let asked = 0;
  const search = async (query: string) => {
    const mine = ++asked;
    if (!query.trim()) {
      picker.items = [];
      return;
    }
    picker.busy = true;
    try {
      const answer = await running.sendRequest(ExecuteCommandRequest.type, {
        command: SEARCH_COMMAND,
        arguments: searchArguments(query, place),
      });
      if (mine === asked) {
        picker.items = parseSearchResult(answer).map((item) => ({
          label: item.label,
          description: item.insertText === String(item.code) ? item.detail : item.insertText,
          alwaysShow: true,
          item,
        }));
      }
    } catch (error) {
      output.appendLine(`search: ${String(error)}`);
    } finally {
      if (mine === asked) {
        picker.busy = false;
      }
    }
  };
  const chosen = await new Promise<SearchItem | undefined>((resolve) => {
    picker.onDidChangeValue((value) => void search(value));
    picker.onDidAccept(() => {
      resolve(picker.selectedItems[0]?.item);
      picker.hide();
    });
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (chosen) {
    await editor.edit((edit) => {
      for (const selection of editor.selections) {
        edit.replace(selection, chosen.insertText);
      }
    });
  }
}

/**
 * A route's code lens (`GET /users/:id -> 200, 404, 500`) runs this with the server's
 * `[uri, position, locations]`: VS Code's references view lists where each status is sent.
 */
async function showStatuses(uri: string, position: unknown, locations: unknown[]): Promise<void> {
  const running = client;
  if (!running) {
    return;
  }
  const convert = running.protocol2CodeConverter;
  await vscode.commands.executeCommand(
    "editor.action.showReferences",
    vscode.Uri.parse(uri),
    convert.asPosition(position as Parameters<typeof convert.asPosition>[0]),
    (locations ?? []).map((location) => convert.asLocation(location as Parameters<typeof convert.asLocation>[0])),
  );
}
