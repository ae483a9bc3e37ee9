; Scopes, bindings and references of JavaScript and TypeScript, in tree-sitter's locals convention
; (`@local.scope`, `@local.definition`, `@local.reference`, as tree-sitter-highlight and
; nvim-treesitter read them). statuslint adds two things ruff's semantic model also has:
; `@local.definition.value`, the expression a binding gives the name, and `rebinds`, a pattern
; whose definition is an assignment to a name declared elsewhere (`code = 521`), which adds a value
; to that binding rather than making a new one. A binding with no value capture (a parameter
; without default, an import, a catch parameter) is a name whose value this file cannot know.
; Read by src/syntax/locals.rs, with queries/javascript/parameters.scm for JavaScript and
; queries/typescript/locals.scm for TypeScript.

[
  (program)
  (statement_block)
  (function_declaration)
  (function_expression)
  (generator_function_declaration)
  (generator_function)
  (arrow_function)
  (method_definition)
  (for_statement)
  (for_in_statement)
  (catch_clause)
  (class_body)
] @local.scope

; const CODE = 531, let code = 200, var status
(variable_declarator
  name: (identifier) @local.definition
  value: (_)? @local.definition.value)

; code = 521: another value for a name declared elsewhere
((assignment_expression
  left: (identifier) @local.definition
  right: (_) @local.definition.value)
  (#set! rebinds "true"))

; code += 1, code ||= 500: a value this file cannot know
((augmented_assignment_expression
  left: (identifier) @local.definition)
  (#set! rebinds "true"))

; function fail(res, status = 531); in TypeScript a typed parameter is a node of its own
; (queries/typescript/locals.scm), in JavaScript queries/javascript/parameters.scm
(assignment_pattern
  left: (identifier) @local.definition
  right: (_) @local.definition.value)

; (status) => ..., status => ...
(arrow_function
  parameter: (identifier) @local.definition)

; catch (err)
(catch_clause
  parameter: (identifier) @local.definition)

; function handler() {}, class Codes {}
(function_declaration
  name: (identifier) @local.definition)

(class_declaration
  name: (_) @local.definition)

; import CODE from "./codes", import { CODE } from "./codes", import * as codes from "./codes"
(import_clause
  (identifier) @local.definition)

(import_specifier
  alias: (identifier) @local.definition)

(import_specifier
  !alias
  name: (identifier) @local.definition)

(namespace_import
  (identifier) @local.definition)

; const { CODE } = require("./codes"), const [a, b] = pair
(object_pattern
  (shorthand_property_identifier_pattern) @local.definition)

(pair_pattern
  value: (identifier) @local.definition)

(array_pattern
  (identifier) @local.definition)

(identifier) @local.reference
