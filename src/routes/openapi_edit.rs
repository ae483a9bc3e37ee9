//! Where a response goes in an OpenAPI document's text, for the fix of `undeclared-status` that
//! declares a status in the document rather than in code.
//!
//! The YAML and JSON readers give values without positions, so the place is found in the text:
//! `paths` -> the operation's path as the document writes it -> the method -> `responses`, by
//! indentation in block YAML and by keys in JSON. The new entry copies the layout around it (the
//! entries' indentation and quoting). Anything the reader does not follow (flow-style YAML, a
//! `$ref`'d path item, anchors) gives no edit rather than a guess.

use crate::rules::Edit;

/// The edit that adds `code` (with `description` as its description) to the responses of
/// `method` at `path` in `text`, a YAML or JSON document. None when the place cannot be found.
pub fn add_response(
    text: &str,
    path: &str,
    method: &str,
    code: u32,
    description: &str,
) -> Option<Edit> {
    if text.trim_start().starts_with('{') {
        json(text, path, method, code, description)
    } else {
        yaml(text, path, method, code, description)
    }
}

struct Line<'t> {
    end: usize,
    indent: usize,
    content: &'t str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start_matches(' ');
        // Blank and comment lines hold no structure.
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            out.push(Line {
                end: start + raw.len(),
                indent: body.len() - trimmed.len(),
                content: trimmed,
            });
        }
        start += raw.len();
    }
    out
}

/// A mapping line's key (unquoted) and what follows its `:`.
fn key(content: &str) -> Option<(String, &str)> {
    let (key, rest) = match content.as_bytes().first()? {
        quote @ (b'\'' | b'"') => {
            let close = content[1..].find(*quote as char)? + 1;
            (content[1..close].to_string(), &content[close + 1..])
        }
        _ => {
            let colon = content
                .match_indices(':')
                .find(|(i, _)| {
                    content[i + 1..].is_empty() || content[i + 1..].starts_with([' ', '\t'])
                })?
                .0;
            (content[..colon].trim_end().to_string(), &content[colon..])
        }
    };
    let rest = rest.trim_start().strip_prefix(':')?;
    Some((key, rest.trim()))
}

/// The lines of the block under line `at`: those after it indented deeper.
fn block(lines: &[Line], at: usize) -> std::ops::Range<usize> {
    let indent = lines[at].indent;
    let end = lines[at + 1..]
        .iter()
        .position(|l| l.indent <= indent)
        .map_or(lines.len(), |i| at + 1 + i);
    at + 1..end
}

/// The line of the entry `wanted` directly inside `within` (a block), found by `matches`.
fn child(
    lines: &[Line],
    within: std::ops::Range<usize>,
    wanted: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let indent = lines.get(within.start)?.indent;
    within
        .filter(|&i| lines[i].indent == indent)
        .find(|&i| key(lines[i].content).is_some_and(|(k, _)| wanted(&k)))
}

fn yaml(text: &str, path: &str, method: &str, code: u32, description: &str) -> Option<Edit> {
    let lines = lines(text);
    let paths = child(&lines, 0..lines.len(), &|k| k == "paths")?;
    let item = child(&lines, block(&lines, paths), &|k| k == path)?;
    let operation = child(&lines, block(&lines, item), &|k| {
        k.eq_ignore_ascii_case(method)
    })?;
    let responses = child(&lines, block(&lines, operation), &|k| k == "responses")?;
    // `responses: {200: ..}` is flow style: not followed.
    if !key(lines[responses].content)?.1.is_empty() {
        return None;
    }
    let entries = block(&lines, responses);
    let step = lines[operation]
        .indent
        .saturating_sub(lines[item].indent)
        .max(1);
    let (indent, quote, inner) = match lines.get(entries.start).filter(|_| !entries.is_empty()) {
        Some(first) => {
            let quote = match first.content.as_bytes()[0] {
                q @ (b'\'' | b'"') => (q as char).to_string(),
                _ => String::new(),
            };
            let first_entry = block(&lines, entries.start);
            let inner = lines
                .get(first_entry.start)
                .filter(|_| !first_entry.is_empty())
                .map_or(step, |l| l.indent - first.indent);
            (first.indent, quote, inner)
        }
        None => (lines[responses].indent + step, "'".to_string(), step),
    };
    let at = match entries.end.checked_sub(1) {
        Some(last) if !entries.is_empty() => lines[last].end,
        _ => lines[responses].end,
    };
    let newline = if text[..at].ends_with('\n') { "" } else { "\n" };
    let description = yaml_scalar(description);
    Some(Edit {
        range: at..at,
        replacement: format!(
            "{newline}{pad}{quote}{code}{quote}:\n{pad}{inner_pad}description: {description}\n",
            pad = " ".repeat(indent),
            inner_pad = " ".repeat(inner)
        ),
    })
}

/// `text` as a plain YAML scalar, quoted when it would not read back as itself.
fn yaml_scalar(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\'' | '(' | ')'))
        && !text.starts_with(['-', ' ', '\''])
        && !text.is_empty();
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

fn json(text: &str, path: &str, method: &str, code: u32, description: &str) -> Option<Edit> {
    let open = json_object_at(text, &["paths", path, method, "responses"])?;
    let after = &text[open + 1..];
    let gap = &after[..after.len() - after.trim_start().len()];
    let entry = format!(
        "\"{code}\": {{ \"description\": {} }}",
        serde_json::to_string(description).ok()?
    );
    let replacement = if after.trim_start().starts_with('}') {
        entry
    } else if gap.contains('\n') {
        // `{` then the first member on its own line: the new one goes on a line before it.
        format!("{gap}{entry},")
    } else {
        format!("{entry}, ")
    };
    Some(Edit {
        range: open + 1..open + 1,
        replacement,
    })
}

/// The offset of the `{` of the object at `keys` in a JSON text (the method compared without
/// case, as the document's keys are lower-case).
fn json_object_at(text: &str, keys: &[&str]) -> Option<usize> {
    // Each open container, with the key of the member being read in it (objects only).
    let mut stack: Vec<(bool, Option<String>)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // The string just read, which is a key when a `:` follows.
    let mut last_string: Option<String> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                last_string = serde_json::from_str(text.get(start - 1..=i)?).ok();
            }
            b':' => {
                if let Some((true, key)) = stack.last_mut() {
                    *key = last_string.take();
                }
            }
            b'{' | b'[' => {
                let path: Vec<&str> = stack.iter().filter_map(|(_, k)| k.as_deref()).collect();
                let here = stack.iter().all(|(object, k)| *object && k.is_some());
                if bytes[i] == b'{'
                    && here
                    && path.len() == keys.len()
                    && path.iter().zip(keys).enumerate().all(|(n, (a, b))| {
                        if n == 2 {
                            a.eq_ignore_ascii_case(b)
                        } else {
                            a == b
                        }
                    })
                {
                    return Some(i);
                }
                stack.push((bytes[i] == b'{', None));
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some((true, key)) = stack.last_mut() {
                    *key = None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(text: &str, edit: Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.range, &edit.replacement);
        out
    }

    #[test]
    fn a_yaml_response_goes_after_the_others_in_their_layout() {
        let text = "openapi: 3.1.0\npaths:\n  /users/{id}:\n    get:\n      responses:\n        '200':\n          description: ok\n    delete:\n      responses:\n        '204':\n          description: gone\n  /items:\n    get:\n      responses:\n        \"200\": {description: ok}\n";
        let edit = add_response(text, "/users/{id}", "GET", 404, "Not Found").unwrap();
        assert_eq!(
            applied(text, edit),
            text.replace(
                "          description: ok\n    delete",
                "          description: ok\n        '404':\n          description: Not Found\n    delete"
            )
        );
        let edit = add_response(text, "/items", "get", 429, "Too Many Requests").unwrap();
        assert!(applied(text, edit).ends_with(
            "        \"200\": {description: ok}\n        \"429\":\n          description: Too Many Requests\n"
        ));
        assert!(add_response(text, "/users/{id}", "post", 404, "Not Found").is_none());
        assert!(add_response(text, "/nope", "get", 404, "Not Found").is_none());
    }

    #[test]
    fn a_yaml_document_with_comments_four_spaces_and_bare_keys_keeps_them() {
        let text = "paths:\n    # users\n    /users:\n        post:\n            responses:\n                201:\n                    description: made\n\n                400:\n                    description: bad\n";
        let edit = add_response(text, "/users", "post", 409, "Conflict").unwrap();
        assert_eq!(
            applied(text, edit),
            format!("{text}                409:\n                    description: Conflict\n")
        );
    }

    #[test]
    fn flow_style_responses_are_not_guessed_at() {
        let text = "paths:\n  /a:\n    get:\n      responses: {200: {description: ok}}\n";
        assert!(add_response(text, "/a", "get", 404, "Not Found").is_none());
    }

    #[test]
    fn a_json_response_goes_first_in_the_object_in_its_layout() {
        let text = "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\n    \"/users/{id}\": {\n      \"get\": {\n        \"responses\": {\n          \"200\": { \"description\": \"ok\" }\n        }\n      }\n    }\n  }\n}\n";
        let edit = add_response(text, "/users/{id}", "GET", 404, "Not Found").unwrap();
        let fixed = applied(text, edit);
        assert!(fixed.contains("\"responses\": {\n          \"404\": { \"description\": \"Not Found\" },\n          \"200\""), "{fixed}");
        serde_json::from_str::<serde_json::Value>(&fixed).unwrap();
        let compact =
            r#"{"paths":{"/a":{"get":{"responses":{}}},"/b":{"get":{"responses":{"200":{}}}}}}"#;
        let fixed = applied(
            compact,
            add_response(compact, "/a", "get", 404, "Not Found").unwrap(),
        );
        assert!(
            fixed.contains(r#""/a":{"get":{"responses":{"404": { "description": "Not Found" }}}}"#),
            "{fixed}"
        );
        let fixed = applied(
            compact,
            add_response(compact, "/b", "get", 404, "Not Found").unwrap(),
        );
        serde_json::from_str::<serde_json::Value>(&fixed).unwrap();
        assert!(add_response(compact, "/c", "get", 404, "Not Found").is_none());
    }
}
