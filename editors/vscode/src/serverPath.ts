// Which `statuslint` executable the extension runs. Kept free of `vscode` so the decision is
// tested under node's test runner; the extension passes in the setting and the environment.

import * as fs from "node:fs";
import * as path from "node:path";

export type ServerSource = "setting" | "bundled" | "path";

export type Resolution =
  | { ok: true; path: string; source: ServerSource }
  | { ok: false; reason: "setting-invalid" | "not-found"; message: string };

export interface ResolveInput {
  /** `statuslint.server.path` as the user wrote it; empty or undefined when unset. */
  configured: string | undefined;
  /** The extension's install folder; a bundled server lives in its `server/`. */
  extensionPath: string;
  platform: NodeJS.Platform;
  env: { PATH?: string; Path?: string; PATHEXT?: string; HOME?: string; USERPROFILE?: string };
  /** Defaults to a file-system check; tests may pass their own. */
  isExecutable?: (file: string) => boolean;
}

/** The file name of the server on this platform. */
export function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "statuslint.exe" : "statuslint";
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives the bundled server its executable bit back when the .vsix unpacking lost it, so the
 * bundled binary is not skipped for a PATH one. Returns whether the file is executable now.
 */
export function repairBundledServer(extensionPath: string, platform: NodeJS.Platform): boolean {
  const bundled = path.join(extensionPath, "server", binaryName(platform));
  if (platform === "win32" || !fs.existsSync(bundled) || isExecutableFile(bundled)) {
    return isExecutableFile(bundled);
  }
  try {
    fs.chmodSync(bundled, 0o755);
  } catch {
    return false;
  }
  return isExecutableFile(bundled);
}

/**
 * The setting first: a user who names a binary means that binary, so a wrong path is an error
 * rather than a silent fall-back to some other statuslint. Then the bundled binary, then PATH.
 */
export function resolveServer(input: ResolveInput): Resolution {
  const isExecutable = input.isExecutable ?? isExecutableFile;
  const pathApi = input.platform === "win32" ? path.win32 : path.posix;
  const configured = input.configured?.trim();
  if (configured) {
    const expanded = expandHome(configured, input);
    if (!pathApi.isAbsolute(expanded)) {
      return {
        ok: false,
        reason: "setting-invalid",
        message: `statuslint.server.path must be an absolute path, but is "${configured}".`,
      };
    }
    if (!isExecutable(expanded)) {
      return {
        ok: false,
        reason: "setting-invalid",
        message: `statuslint.server.path is "${configured}", which is not an executable file.`,
      };
    }
    return { ok: true, path: expanded, source: "setting" };
  }

  const bundled = pathApi.join(input.extensionPath, "server", binaryName(input.platform));
  if (isExecutable(bundled)) {
    return { ok: true, path: bundled, source: "bundled" };
  }

  const found = searchPath(input, pathApi, isExecutable);
  if (found) {
    return { ok: true, path: found, source: "path" };
  }
  return {
    ok: false,
    reason: "not-found",
    message:
      "statuslint: no statuslint executable found. Install it (`cargo install --locked --git https://github.com/statuslint/statuslint`) so it is on PATH, or set statuslint.server.path.",
  };
}

function expandHome(file: string, input: ResolveInput): string {
  const home = input.env.HOME ?? input.env.USERPROFILE;
  if (home && (file === "~" || file.startsWith("~/") || file.startsWith("~\\"))) {
    return home + file.slice(1);
  }
  return file;
}

/**
 * Only absolute PATH entries count: an empty or relative entry would resolve against the
 * workspace folder, letting a repository ship a program named statuslint that we would run.
 */
function searchPath(
  input: ResolveInput,
  pathApi: path.PlatformPath,
  isExecutable: (file: string) => boolean,
): string | undefined {
  const value = input.env.PATH ?? input.env.Path ?? "";
  const extensions =
    input.platform === "win32"
      ? (input.env.PATHEXT ?? ".EXE").split(";").filter((ext) => ext.length > 0)
      : [""];
  for (const dir of value.split(pathApi.delimiter)) {
    if (!dir || !pathApi.isAbsolute(dir)) {
      continue;
    }
    for (const ext of extensions) {
      const candidate = pathApi.join(dir, "statuslint" + ext.toLowerCase());
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}
