// "statuslint: Insert status code by phrase": the palette's way to completion by phrase, for
// places completion does not reach and for users who expect a command. The server ranks and
// writes the code (`statuslint.server.search`, the ranking completion uses); this module only
// shapes the request and reads the answer. No `vscode` here, so node's test runner covers it.

export const SEARCH_COMMAND = "statuslint.server.search";

export interface Place {
  uri: string;
  line: number;
  character: number;
}

export interface SearchItem {
  code: number;
  label: string;
  detail: string;
  insertText: string;
}

/** The command's argument: the query, and the place the code goes so it is written in its style. */
export function searchArguments(query: string, place?: Place, limit = 20): unknown[] {
  const argument: Record<string, unknown> = { query: query.trim(), limit };
  if (place) {
    argument.textDocument = { uri: place.uri };
    argument.position = { line: place.line, character: place.character };
  }
  return [argument];
}

/** The server's answer as items; anything else is no items, never an exception. */
export function parseSearchResult(value: unknown): SearchItem[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(
    (item): item is SearchItem =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as SearchItem).code === "number" &&
      typeof (item as SearchItem).label === "string" &&
      typeof (item as SearchItem).insertText === "string",
  ).map((item) => ({ ...item, detail: typeof item.detail === "string" ? item.detail : "" }));
}
