// VS Code settings -> the server's configuration (the JSON shape of statuslint.toml, camelCase),
// sent as initializationOptions and with workspace/didChangeConfiguration. Settings arrive
// from hand-edited JSON, so every field is checked: a bad entry is dropped and reported, and
// never makes the server reject the whole configuration.

export const SEVERITIES = ["off", "hint", "info", "warning", "error"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface ServerConfig {
  rules: Record<string, Severity>;
  /** Absent: every known platform's reservations apply. */
  platforms?: string[];
  allow: number[];
  inlayHints: boolean;
  /** Absent: the server's default, a code lens above each route handler. */
  codeLens?: boolean;
}

/** The `statuslint.*` settings as read, before any checking. */
export interface RawSettings {
  rules?: unknown;
  platforms?: unknown;
  allow?: unknown;
  inlayHints?: unknown;
  codeLens?: unknown;
}

export interface Mapped {
  config: ServerConfig;
  /** One sentence per dropped entry, naming the setting. */
  problems: string[];
}

const SEVERITY_ALIASES: Record<string, Severity> = {
  information: "info",
  warn: "warning",
  none: "off",
};

export function toServerConfig(settings: RawSettings): Mapped {
  const problems: string[] = [];
  const config: ServerConfig = {
    rules: mapRules(settings.rules, problems),
    allow: mapAllow(settings.allow, problems),
    // The extension shows hints unless told not to; the server's own default is off.
    inlayHints: settings.inlayHints === undefined ? true : settings.inlayHints === true,
  };
  if (settings.inlayHints !== undefined && typeof settings.inlayHints !== "boolean") {
    problems.push(`statuslint.inlayHints must be true or false, not ${JSON.stringify(settings.inlayHints)}.`);
  }
  if (typeof settings.codeLens === "boolean") {
    config.codeLens = settings.codeLens;
  } else if (settings.codeLens !== undefined && settings.codeLens !== null) {
    problems.push(`statuslint.codeLens must be true or false, not ${JSON.stringify(settings.codeLens)}.`);
  }
  const platforms = mapPlatforms(settings.platforms, problems);
  if (platforms !== undefined) {
    config.platforms = platforms;
  }
  return { config, problems };
}

function mapRules(value: unknown, problems: string[]): Record<string, Severity> {
  const rules: Record<string, Severity> = {};
  if (value === undefined || value === null) {
    return rules;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push('statuslint.rules must be an object such as { "platform-reserved": "error" }.');
    return rules;
  }
  for (const [name, level] of Object.entries(value)) {
    const rule = name.trim().toLowerCase();
    const text = typeof level === "string" ? level.trim().toLowerCase() : "";
    const severity = (SEVERITIES as readonly string[]).includes(text)
      ? (text as Severity)
      : SEVERITY_ALIASES[text];
    if (!rule || !severity) {
      problems.push(
        `statuslint.rules: "${name}": ${JSON.stringify(level)} is not one of ${SEVERITIES.join(", ")}.`,
      );
      continue;
    }
    rules[rule] = severity;
  }
  return rules;
}

function mapPlatforms(value: unknown, problems: string[]): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.push('statuslint.platforms must be a list such as ["cloudflare"], or null for all.');
    return undefined;
  }
  const platforms: string[] = [];
  for (const entry of value) {
    if (typeof entry !== "string" || entry.trim() === "") {
      problems.push(`statuslint.platforms: ${JSON.stringify(entry)} is not a platform name.`);
      continue;
    }
    const id = entry.trim().toLowerCase();
    if (!platforms.includes(id)) {
      platforms.push(id);
    }
  }
  return platforms;
}

function mapAllow(value: unknown, problems: string[]): number[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push("statuslint.allow must be a list of status codes such as [499].");
    return [];
  }
  const allow: number[] = [];
  for (const entry of value) {
    const code = typeof entry === "string" && /^\s*\d+\s*$/.test(entry) ? Number(entry) : entry;
    if (typeof code !== "number" || !Number.isInteger(code) || code < 100 || code > 599) {
      problems.push(`statuslint.allow: ${JSON.stringify(entry)} is not a status code from 100 to 599.`);
      continue;
    }
    if (!allow.includes(code)) {
      allow.push(code);
    }
  }
  return allow;
}

/**
 * The answer to a `workspace/configuration` request: the server's configuration for the
 * `statuslint` section (or no section), nothing for sections that are not ours. Without this
 * the language client would answer with the raw VS Code settings, whose shape (`server.path`,
 * `trace.server`) the server does not read.
 */
export function answerConfigurationRequest(
  items: { section?: string | null }[],
  config: ServerConfig,
): (ServerConfig | null)[] {
  return items.map((item) => (!item.section || item.section === "statuslint" ? config : null));
}
