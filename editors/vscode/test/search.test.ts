import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSearchResult, searchArguments } from "../src/search";

test("the argument carries the query and, when known, the place", () => {
  assert.deepEqual(searchArguments("  too many "), [{ query: "too many", limit: 20 }]);
  assert.deepEqual(searchArguments("teapot", { uri: "file:///a.rs", line: 2, character: 7 }, 5), [
    { query: "teapot", limit: 5, textDocument: { uri: "file:///a.rs" }, position: { line: 2, character: 7 } },
  ]);
});

test("the answer becomes items; anything malformed is dropped, not thrown", () => {
  const items = parseSearchResult([
    { code: 429, label: "429 Too Many Requests", detail: "4xx Client Error · IANA standard", insertText: "429" },
    { code: "x", label: 1 },
    null,
    { code: 418, label: "418 I'm a Teapot", insertText: "418" },
  ]);
  assert.deepEqual(
    items.map((item) => [item.insertText, item.detail]),
    [
      ["429", "4xx Client Error · IANA standard"],
      ["418", ""],
    ],
  );
  assert.deepEqual(parseSearchResult(null), []);
  assert.deepEqual(parseSearchResult({ items: [] }), []);
});
