; Scopes, bindings and references of Rust, in tree-sitter's locals convention (`@local.scope`,
; `@local.definition`, `@local.reference`), with statuslint's `@local.definition.value` (the
; expression a binding gives the name) and `rebinds` (an assignment adding a value to a binding
; declared elsewhere), as queries/javascript/locals.scm explains. Read by src/syntax/locals.rs.

[
  (source_file)
  (mod_item)
  (function_item)
  (closure_expression)
  (block)
  (match_arm)
  (for_expression)
  (if_expression)
  (while_expression)
] @local.scope

; const ORIGIN_DOWN: u16 = 521;  static CODE: StatusCode = StatusCode::OK;
(const_item
  name: (identifier) @local.definition
  value: (_) @local.definition.value)

(static_item
  name: (identifier) @local.definition
  value: (_) @local.definition.value)

; let code = StatusCode::OK;  let mut code;
(let_declaration
  pattern: (identifier) @local.definition
  value: (_)? @local.definition.value)

(let_declaration
  pattern: (mut_pattern (identifier) @local.definition)
  value: (_)? @local.definition.value)

; code = StatusCode::BAD_GATEWAY;
((assignment_expression
  left: (identifier) @local.definition
  right: (_) @local.definition.value)
  (#set! rebinds "true"))

; fn handler(code: StatusCode), |code| ..., if let Some(code) = .., match arms: values this file
; cannot know
(parameter
  pattern: (identifier) @local.definition)

(closure_parameters
  (identifier) @local.definition)

(tuple_struct_pattern
  (identifier) @local.definition)

(tuple_pattern
  (identifier) @local.definition)

(match_pattern
  (identifier) @local.definition)

(identifier) @local.reference
