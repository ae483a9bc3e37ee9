//! Query text as tree-sitter compiles it fastest.
//!
//! Compiling a query, tree-sitter analyses every pattern step that has children against the whole
//! grammar (the parse states that can build that node with those children), unless the step is a
//! wildcard. In TypeScript's grammar that costs a few milliseconds a step: 160 ms for our queries,
//! paid by every `statuslint check` run that meets a TypeScript file. A nested step whose fields
//! only one node type has matches exactly what the same step written as a wildcard does: no other
//! JavaScript node has both an `object` and a `property`, so `(member_expression object: ..
//! property: ..)` is compiled as `(_ object: .. property: ..)`. The grammar's own `node-types.json`
//! says which types have which fields. Pattern roots stay named, since a wildcard root would be
//! tried at every node, and the `.scm` files stay as they are written.

use std::ops::Range;

/// The named node types of a grammar: the fields each has, and what may stand in them.
pub struct NodeTypes {
    types: Vec<NodeType>,
}

struct NodeType {
    name: String,
    /// Each field with the types it may hold (supertypes not yet expanded).
    fields: Vec<(String, Vec<String>)>,
    /// Each field with the anonymous tokens it may hold (`operator`: `||`, `+=`, ...).
    tokens: Vec<(String, Vec<String>)>,
    /// The types of its children outside any field.
    children: Vec<String>,
    /// For a supertype (`expression`), the types it stands for.
    subtypes: Vec<String>,
}

impl NodeTypes {
    /// Reads a grammar's `node-types.json`.
    pub fn parse(json: &str) -> Result<NodeTypes, String> {
        #[derive(serde::Deserialize)]
        struct Named {
            #[serde(rename = "type")]
            kind: String,
            named: bool,
        }
        #[derive(serde::Deserialize)]
        struct Children {
            #[serde(default)]
            types: Vec<Named>,
        }
        #[derive(serde::Deserialize)]
        struct Entry {
            #[serde(rename = "type")]
            kind: String,
            named: bool,
            #[serde(default)]
            fields: std::collections::BTreeMap<String, Children>,
            children: Option<Children>,
            #[serde(default)]
            subtypes: Vec<Named>,
        }
        let names = |list: Vec<Named>| -> Vec<String> {
            list.into_iter()
                .filter(|n| n.named)
                .map(|n| n.kind)
                .collect()
        };
        let tokens = |list: &[Named]| -> Vec<String> {
            list.iter()
                .filter(|n| !n.named)
                .map(|n| n.kind.clone())
                .collect()
        };
        let entries: Vec<Entry> =
            serde_json::from_str(json).map_err(|e| format!("node-types.json: {e}"))?;
        Ok(NodeTypes {
            types: entries
                .into_iter()
                .filter(|e| e.named)
                .map(|e| NodeType {
                    name: e.kind,
                    tokens: e
                        .fields
                        .iter()
                        .map(|(field, c)| (field.clone(), tokens(&c.types)))
                        .collect(),
                    fields: e
                        .fields
                        .into_iter()
                        .map(|(field, c)| (field, names(c.types)))
                        .collect(),
                    children: e.children.map(|c| names(c.types)).unwrap_or_default(),
                    subtypes: names(e.subtypes),
                })
                .collect(),
        })
    }

    fn get(&self, name: &str) -> Option<&NodeType> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The concrete types that may stand in `field` of a `parent` (any of its children when
    /// `field` is None), supertypes expanded; None when the grammar does not say.
    fn allowed(&self, parent: &str, field: Option<&str>) -> Option<Vec<&str>> {
        let parent = self.get(parent)?;
        let declared: Vec<&str> = match field {
            Some(field) => parent
                .fields
                .iter()
                .find(|(f, _)| f == field)?
                .1
                .iter()
                .map(String::as_str)
                .collect(),
            None => parent
                .fields
                .iter()
                .flat_map(|(_, types)| types)
                .chain(&parent.children)
                .map(String::as_str)
                .collect(),
        };
        let mut out = Vec::new();
        let mut todo = declared;
        while let Some(name) = todo.pop() {
            match self.get(name) {
                Some(t) if !t.subtypes.is_empty() => {
                    todo.extend(t.subtypes.iter().map(String::as_str))
                }
                _ if !out.contains(&name) => out.push(name),
                _ => {}
            }
        }
        Some(out)
    }

    /// Whether `kind` is the one node type that has every one of `fields`, and one of the given
    /// tokens in each field of `tokens`, among those that may stand where the step is: in `field`
    /// of a `parent`, when the parent step names its type.
    fn only_one_with(
        &self,
        kind: &str,
        (fields, tokens): (&[String], &[(String, Vec<String>)]),
        position: Option<(&str, Option<&str>)>,
    ) -> bool {
        let allowed = match position {
            Some((parent, field)) => match self.allowed(parent, field) {
                Some(allowed) => Some(allowed),
                None => return false,
            },
            None => None,
        };
        let mut with = self.types.iter().filter(|t| {
            t.subtypes.is_empty()
                && fields
                    .iter()
                    .all(|f| t.fields.iter().any(|(have, _)| have == f))
                && tokens.iter().all(|(field, wanted)| {
                    t.tokens.iter().any(|(have, held)| {
                        have == field && wanted.iter().any(|w| held.contains(w))
                    })
                })
                && allowed
                    .as_ref()
                    .is_none_or(|a| a.contains(&t.name.as_str()))
        });
        with.next().is_some_and(|t| t.name == kind) && with.next().is_none()
    }
}

/// A parenthesised or bracketed group of the query being read.
struct Group {
    /// Where the node type it names is, when it is a step with a named type.
    kind: Option<Range<usize>>,
    /// A step (named or wildcard), as opposed to a grouping, an alternation or a predicate.
    step: bool,
    /// Inside another step.
    nested: bool,
    /// The fields its direct children are constrained to.
    fields: Vec<String>,
    /// The fields of its direct children that must be one of some anonymous tokens
    /// (`operator: ["||" "??"]`), with those tokens.
    tokens: Vec<(String, Vec<String>)>,
    /// For an alternation: the tokens it offers, while it offers nothing else.
    offers: Option<Vec<String>>,
    /// A field name read and not yet given to the child after it.
    pending: Option<String>,
    /// The type of the nearest step around it, when that step names one, and the field it is in.
    parent: Option<String>,
    field: Option<String>,
}

/// The query text `language`'s queries are compiled from: `source` loosened (see the module doc).
pub fn prepared(language: super::Language, source: &str) -> String {
    use std::sync::OnceLock;
    static TYPES: [OnceLock<Option<NodeTypes>>; super::LANGUAGES.len()] =
        [const { OnceLock::new() }; super::LANGUAGES.len()];
    let index = language.grammar_slot();
    let types =
        TYPES[index].get_or_init(|| NodeTypes::parse(super::LANGUAGES[index].node_types).ok());
    match types {
        Some(types) => loosened(source, types),
        None => source.to_string(),
    }
}

/// `source` with every nested step that `node_types` pins down by its fields written as a
/// wildcard. Text this reader does not follow is returned as it is.
pub fn loosened(source: &str, node_types: &NodeTypes) -> String {
    let bytes = source.as_bytes();
    let mut stack: Vec<Group> = Vec::new();
    let mut wildcards: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b';' => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                // Escapes are not unescaped, and an optional token may be absent: neither narrows.
                let token = source
                    .get(start..i)
                    .filter(|t| !t.contains('\\') && !quantified(&bytes[i + 1..]));
                // An anonymous node takes the field before it.
                match stack.last_mut() {
                    Some(group) if group.step => {
                        if let (Some(field), Some(token)) = (group.pending.take(), token) {
                            group.tokens.push((field, vec![token.to_string()]));
                        }
                    }
                    Some(group) => match (&mut group.offers, token) {
                        (Some(offers), Some(token)) => offers.push(token.to_string()),
                        (offers, _) => *offers = None,
                    },
                    None => {}
                }
            }
            b'(' | b'[' => {
                let (parent, field) = match stack.last_mut() {
                    Some(p) if p.step => (
                        p.kind.clone().map(|k| source[k].to_string()),
                        p.pending.take(),
                    ),
                    Some(p) => (p.parent.clone(), p.field.clone()),
                    None => (None, None),
                };
                let mut group = Group {
                    kind: None,
                    step: false,
                    nested: stack.iter().any(|g| g.step),
                    fields: Vec::new(),
                    tokens: Vec::new(),
                    offers: (bytes[i] == b'[').then(Vec::new),
                    pending: None,
                    parent,
                    field,
                };
                if bytes[i] == b'(' {
                    let start = i + 1 + count(&bytes[i + 1..], |b| b.is_ascii_whitespace());
                    let end = start + count(&bytes[start..], is_name_byte);
                    if end > start && !bytes[start].is_ascii_digit() {
                        group.step = true;
                        if &source[start..end] != "_" {
                            group.kind = Some(start..end);
                        }
                        stack.push(group);
                        i = end;
                        continue;
                    }
                }
                stack.push(group);
            }
            b')' | b']' => {
                let Some(group) = stack.pop() else {
                    return source.to_string();
                };
                // An alternation of tokens alone in a field: `operator: ["||" "??"]`.
                if let (Some(offers), Some(field)) = (&group.offers, &group.field)
                    && !offers.is_empty()
                    && !quantified(&bytes[i + 1..])
                    && let Some(step) = stack.last_mut().filter(|g| g.step)
                {
                    step.tokens.push((field.clone(), offers.clone()));
                }
                // Anything but a token in an alternation stops it narrowing its field.
                if let Some(around) = stack.last_mut().filter(|g| !g.step) {
                    around.offers = None;
                }
                let position = group
                    .parent
                    .as_deref()
                    .map(|parent| (parent, group.field.as_deref()));
                if let Some(kind) = group.kind
                    && group.nested
                    && !group.fields.is_empty()
                    && node_types.only_one_with(
                        &source[kind.clone()],
                        (&group.fields, &group.tokens),
                        position,
                    )
                {
                    wildcards.push(kind);
                }
            }
            // A capture or predicate name is no field.
            b'@' | b'#' => {
                i += 1 + count(&bytes[i + 1..], |b| {
                    is_name_byte(b) || matches!(b, b'?' | b'!' | b'-' | b'.')
                });
                continue;
            }
            b if is_name_byte(b) => {
                let end = i + count(&bytes[i..], is_name_byte);
                let after = end + count(&bytes[end..], |b| b.is_ascii_whitespace());
                if bytes.get(after) == Some(&b':')
                    && let Some(group) = stack.last_mut()
                {
                    let field = source[i..end].to_string();
                    group.fields.push(field.clone());
                    group.pending = Some(field);
                } else if let Some(group) = stack.last_mut() {
                    // A bare `_` in an alternation: more than tokens.
                    group.offers = None;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if !stack.is_empty() {
        return source.to_string();
    }
    // Groups close inner first; replace from the end so that earlier offsets stay put.
    wildcards.sort_by_key(|r| r.start);
    let mut out = source.to_string();
    for kind in wildcards.iter().rev() {
        out.replace_range(kind.clone(), "_");
    }
    out
}

/// Whether the text after a step makes it optional or repeated (`?`, `*`, `+`).
fn quantified(after: &[u8]) -> bool {
    after
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'?' | b'*' | b'+'))
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn count(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    bytes.iter().take_while(|&&b| f(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn javascript() -> NodeTypes {
        NodeTypes::parse(tree_sitter_javascript::NODE_TYPES).unwrap()
    }

    #[test]
    fn where_a_step_stands_narrows_the_types_it_could_be() {
        // TypeScript's `nested_identifier` has an `object` and a `property` too, but cannot be
        // called; `ternary_expression` shares `consequence` with `if_statement`, which is no
        // argument.
        let typescript = NodeTypes::parse(tree_sitter_typescript::TYPESCRIPT_NODE_TYPES).unwrap();
        let query = "(call_expression function: (member_expression object: (_) property: (_)) arguments: (arguments (ternary_expression consequence: (number))))";
        assert_eq!(
            loosened(query, &typescript),
            "(call_expression function: (_ object: (_) property: (_)) arguments: (arguments (_ consequence: (number))))"
        );
        let anywhere = "((_ (member_expression object: (_) property: (_))))";
        assert_eq!(loosened(anywhere, &typescript), anywhere);
    }

    #[test]
    fn a_nested_step_its_fields_pin_down_becomes_a_wildcard() {
        let query = "(call_expression function: (member_expression object: (_) @r property: (property_identifier) @m) arguments: (arguments . (_) @s))";
        assert_eq!(
            loosened(query, &javascript()),
            "(call_expression function: (_ object: (_) @r property: (property_identifier) @m) arguments: (arguments . (_) @s))"
        );
    }

    #[test]
    fn roots_field_less_steps_and_shared_fields_stay_named() {
        for query in [
            // A root.
            "(member_expression object: (_) property: (_))",
            "((member_expression object: (identifier) @n property: (property_identifier)) @s (#eq? @n \"x\"))",
            // No field among its children.
            "(call_expression arguments: (arguments . (_) @s))",
            // `left` and `right`: binary, assignment and augmented assignment expressions all.
            "(call_expression arguments: (arguments (binary_expression left: (_) right: (number) @s)))",
        ] {
            assert_eq!(loosened(query, &javascript()), query);
        }
    }

    #[test]
    fn a_field_held_to_tokens_only_one_type_has_pins_the_step_down() {
        // Only a binary expression has `||` or `??` as its operator (`||=` is an augmented
        // assignment's), and only a unary one `!` with an argument.
        for (query, expected) in [
            (
                "(call_expression arguments: (arguments (binary_expression operator: [\"||\" \"??\"] right: (number) @s)))",
                "(call_expression arguments: (arguments (_ operator: [\"||\" \"??\"] right: (number) @s)))",
            ),
            (
                "(if_statement condition: (parenthesized_expression (unary_expression operator: \"!\" argument: (_))))",
                "(if_statement condition: (parenthesized_expression (_ operator: \"!\" argument: (_))))",
            ),
        ] {
            assert_eq!(loosened(query, &javascript()), expected);
        }
        for query in [
            // An optional token may be missing.
            "(call_expression arguments: (arguments (binary_expression operator: \"||\"? right: (number))))",
            // An alternation that also offers a node narrows nothing.
            "(call_expression arguments: (arguments (binary_expression operator: [\"||\" (_)] right: (number))))",
            // `+=` is an augmented assignment's: with it, the field no longer tells the types apart.
            "(call_expression arguments: (arguments (binary_expression operator: [\"+\" \"+=\"] right: (number))))",
        ] {
            assert_eq!(loosened(query, &javascript()), query);
        }
    }

    #[test]
    fn comments_strings_and_predicates_are_not_fields() {
        let query = "; (member_expression object: x)\n(call_expression function: (member_expression object: (_) property: (_) @p) (#eq? @p \"a: (b\"))";
        assert_eq!(
            loosened(query, &javascript()),
            "; (member_expression object: x)\n(call_expression function: (_ object: (_) property: (_) @p) (#eq? @p \"a: (b\"))"
        );
    }

    #[test]
    fn steps_inside_loosened_steps_are_loosened_too() {
        let query = "(call_expression function: (member_expression object: (call_expression function: (member_expression object: (_) property: (_)) arguments: (_)) property: (_)))";
        assert_eq!(
            loosened(query, &javascript()),
            "(call_expression function: (_ object: (_ function: (_ object: (_) property: (_)) arguments: (_)) property: (_)))"
        );
    }

    #[test]
    fn unbalanced_text_is_left_alone() {
        let query = "(call_expression function: (member_expression object: (_)";
        assert_eq!(loosened(query, &javascript()), query);
    }
}
