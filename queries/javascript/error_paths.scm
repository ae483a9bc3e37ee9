; Where JavaScript and TypeScript code is handling a failure: a status sent from here answers a
; request that went wrong. Read by src/rules/context/error_path.rs, which adds what a query cannot
; say (no function boundary and no further condition between the path and the status).
;
; Captures: @path is the region (a block, a callback, a handler function) whose code runs on the
; error path; @guard is the tested expression of an `if` guard (it names the path in messages);
; @callee is the method a callback is passed to. `path` says which kind of error path it is.

; try { ... } catch (err) { <here> }
(catch_clause
  body: (statement_block) @path
  (#set! path "catch"))

; promise.catch((err) => <here>)
(call_expression
  function: (member_expression
    property: (property_identifier) @callee)
  arguments: (arguments . [(arrow_function) (function_expression)] @path)
  (#eq? @callee "catch")
  (#set! path "catch-callback"))

; promise.then(onFulfilled, (err) => <here>)
(call_expression
  function: (member_expression
    property: (property_identifier) @callee)
  arguments: (arguments . (_) . [(arrow_function) (function_expression)] @path)
  (#eq? @callee "then")
  (#set! path "catch-callback"))

; app.use((err, req, res, next) => <here>) (Express error-handling middleware: four parameters,
; the first the error; TypeScript wraps each in a required_parameter, hence the text match)
([(arrow_function
    parameters: (formal_parameters . (_) @first . (_) . (_) . (_) .))
  (function_expression
    parameters: (formal_parameters . (_) @first . (_) . (_) . (_) .))
  (function_declaration
    parameters: (formal_parameters . (_) @first . (_) . (_) . (_) .))] @path
  (#match? @first "^(err|error)([^A-Za-z0-9_$]|$)")
  (#set! path "error-middleware"))

; fastify.setErrorHandler((error, request, reply) => <here>), app.onError((err, c) => <here>) (Hono)
(call_expression
  function: (member_expression
    property: (property_identifier) @callee)
  arguments: (arguments . [(arrow_function) (function_expression)] @path)
  (#any-of? @callee "setErrorHandler" "onError")
  (#set! path "error-handler"))

; if (err) <here>, if (error) <here>, if (result.error) <here>, if (fetchError) <here>
(if_statement
  condition: (parenthesized_expression
    [(identifier) (member_expression)] @guard)
  consequence: (_) @path
  (#match? @guard "(^|[.])(err|error|[A-Za-z_$][A-Za-z0-9_$]*(Err|Error))$")
  (#set! path "error-guard"))

; if (err != null) <here>, if (error !== undefined) <here>
(if_statement
  condition: (parenthesized_expression
    (binary_expression
      left: [(identifier) (member_expression)] @guard
      operator: ["!=" "!=="]
      right: [(null) (undefined)]))
  consequence: (_) @path
  (#match? @guard "(^|[.])(err|error|[A-Za-z_$][A-Za-z0-9_$]*(Err|Error))$")
  (#set! path "error-guard"))

; if (!response.ok) <here>, if (!parsed.success) <here> (fetch, zod's safeParse)
(if_statement
  condition: (parenthesized_expression
    (unary_expression
      operator: "!"
      argument: (member_expression
        property: (property_identifier) @property) @guard))
  consequence: (_) @path
  (#any-of? @property "ok" "success")
  (#set! path "failed-check"))

; if (!user) return <here>, if (!record) { ...; return <here> }: a lookup that found nothing, when
; the guard returns early. The rule also wants the response to say what went wrong.
(if_statement
  condition: (parenthesized_expression
    (unary_expression
      operator: "!"
      argument: [(identifier) (member_expression)] @guard))
  consequence: [(return_statement) (statement_block (return_statement))] @path
  (#match? @guard "(?i)(user|account|record|item|entity|doc|document|row|found|exists|session|token|resource|result|match)s?$")
  (#set! path "missing-guard"))
