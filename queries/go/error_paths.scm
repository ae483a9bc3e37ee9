; Where Go code is handling a failure: a status sent from here answers a request that went wrong.
; Read by src/rules/context/error_path.rs (captures and properties as in
; queries/javascript/error_paths.scm).

; if err != nil { <here> }, if err := f(); err != nil { <here> }, if bindErr != nil { <here> }
(if_statement
  condition: (binary_expression
    left: [(identifier) (selector_expression)] @guard
    operator: "!="
    right: (nil))
  consequence: (block) @path
  (#match? @guard "(^|[.])(err|error|[A-Za-z_][A-Za-z0-9_]*(Err|Error))$")
  (#set! path "error-guard"))

; if !ok { <here> } after a lookup (`user, ok := users[id]`), if user == nil { return .. }
(if_statement
  condition: (binary_expression
    left: [(identifier) (selector_expression)] @guard
    operator: "=="
    right: (nil))
  consequence: (block (statement_list (return_statement))) @path
  (#match? @guard "(?i)(user|account|record|item|entity|doc|document|row|found|exists|session|token|resource|result|match)s?$")
  (#set! path "missing-guard"))

(if_statement
  condition: (unary_expression
    operator: "!"
    operand: [(identifier) (selector_expression)] @guard)
  consequence: (block (statement_list (return_statement))) @path
  (#match? @guard "(?i)(found|exists|ok|user|account|record|item|row|session|token)s?$")
  (#set! path "missing-guard"))

; e.HTTPErrorHandler = func(err error, c echo.Context) { <here> } (echo), app's ErrorHandler
; func in fiber.Config{ErrorHandler: func(c *fiber.Ctx, err error) error { <here> }}
(assignment_statement
  left: (expression_list
    (selector_expression
      field: (field_identifier) @callee))
  right: (expression_list
    (func_literal
      body: (block) @path))
  (#eq? @callee "HTTPErrorHandler")
  (#set! path "error-handler"))

(keyed_element
  key: (literal_element (identifier) @callee)
  value: (literal_element (func_literal body: (block) @path))
  (#eq? @callee "ErrorHandler")
  (#set! path "error-handler"))
