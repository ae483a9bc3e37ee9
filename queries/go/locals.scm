; Scopes and bindings of Go, in tree-sitter's locals convention, with statuslint's
; `@local.definition.value` (the expression a binding gives the name) and `rebinds` (an
; assignment adding a value to a binding declared elsewhere), as queries/javascript/locals.scm
; explains. Read by src/syntax/locals.rs.

[
  (source_file)
  (function_declaration)
  (method_declaration)
  (func_literal)
  (block)
  (if_statement)
  (for_statement)
  (expression_switch_statement)
  (type_switch_statement)
  (expression_case)
  (default_case)
] @local.scope

; const StatusUpstreamDown = 531; var code = http.StatusOK; var code int
(const_spec
  name: (identifier) @local.definition
  value: (expression_list . (_) @local.definition.value))

(var_spec
  name: (identifier) @local.definition
  value: (expression_list . (_) @local.definition.value)?)

; code := http.StatusOK (the first name takes the first value; `resp, err := ..` gives nothing
; this file can know)
(short_var_declaration
  left: (expression_list . (identifier) @local.definition)
  right: (expression_list . (_) @local.definition.value))

; code = http.StatusBadGateway
((assignment_statement
  left: (expression_list . (identifier) @local.definition)
  operator: "="
  right: (expression_list . (_) @local.definition.value))
  (#set! rebinds "true"))

; func handler(w http.ResponseWriter, code int), for _, code := range codes
(parameter_declaration
  name: (identifier) @local.definition)

(range_clause
  left: (expression_list (identifier) @local.definition))

(identifier) @local.reference
