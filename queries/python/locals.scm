; Scopes and bindings of Python, in tree-sitter's locals convention, with statuslint's
; `@local.definition.value` (the expression a binding gives the name), as
; queries/javascript/locals.scm explains. Read by src/syntax/locals.rs.
;
; Python declares by assigning: every assignment is marked `rebinds`, and the first one in the
; innermost function (or the module) stands for the declaration (`locals::Locals::resolve`), so
; `code = 200` then `if x: code = 521` gives {200, 521}.

[
  (module)
  (function_definition)
  (lambda)
  (class_definition)
  (list_comprehension)
  (dictionary_comprehension)
  (set_comprehension)
  (generator_expression)
] @local.scope

; UPSTREAM_DOWN = 531, code = HTTPStatus.OK, code: int = 200
((assignment
  left: (identifier) @local.definition
  right: (_) @local.definition.value)
  (#set! rebinds "true"))

; code += 1: a value this file cannot know
((augmented_assignment
  left: (identifier) @local.definition)
  (#set! rebinds "true"))

; def handler(request, code=404): the default is the value when no caller passes one
(default_parameter
  name: (identifier) @local.definition
  value: (_) @local.definition.value)

(typed_default_parameter
  name: (identifier) @local.definition
  value: (_) @local.definition.value)

(parameters (identifier) @local.definition)

(typed_parameter (identifier) @local.definition)

(lambda_parameters (identifier) @local.definition)

; for code in codes:, with open(p) as f:, except E as e: values this file cannot know
(for_statement
  left: (identifier) @local.definition)

(as_pattern
  alias: (as_pattern_target (identifier) @local.definition))

(identifier) @local.reference
