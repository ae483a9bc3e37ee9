; Where Rust code is handling a failure: a status sent from here answers a request that went wrong.
; Read by src/rules/context/error_path.rs, which adds what a query cannot say (a catch-all `Err`
; pattern without a match guard, no closure or condition between the path and the status).
;
; Captures: @path is the region whose code runs on the error path; @pattern is an arm's or a let's
; pattern; @callee is the method a closure is passed to; @trait and @type name an impl; @method
; and @returns are an error type's status function. `path` says which kind of error path it is.

; match result { Ok(v) => ..., Err(e) => <here> }
(match_arm
  pattern: (match_pattern
    (tuple_struct_pattern
      type: (identifier) @constructor) @pattern)
  value: (_) @path
  (#eq? @constructor "Err")
  (#set! path "err-arm"))

; result.map_err(|e| <here>), .unwrap_or_else(|e| <here>), .or_else(|e| <here>)
(call_expression
  function: (field_expression
    field: (field_identifier) @callee)
  arguments: (arguments . (closure_expression) @path)
  (#any-of? @callee "map_err" "unwrap_or_else" "or_else")
  (#set! path "error-closure"))

; if let Err(e) = result { <here> }
(if_expression
  condition: (let_condition
    pattern: (tuple_struct_pattern
      type: (identifier) @constructor) @pattern)
  consequence: (block) @path
  (#eq? @constructor "Err")
  (#set! path "if-let-err"))

; let Ok(value) = result else { <here> };
(let_declaration
  pattern: (tuple_struct_pattern
    type: (identifier) @constructor) @pattern
  alternative: (block) @path
  (#eq? @constructor "Ok")
  (#set! path "let-else"))

; impl IntoResponse for AppError { fn into_response(self) -> Response { <here> } } (axum)
(impl_item
  trait: [(type_identifier) (scoped_type_identifier)] @trait
  type: (_) @type
  body: (declaration_list
    (function_item
      body: (block) @path))
  (#match? @trait "(^|::)IntoResponse$")
  (#match? @type "(Error|Err|Rejection|Failure)(<.*>)?$")
  (#set! path "error-impl"))

; impl ResponseError for AppError { fn status_code(&self) -> StatusCode { <here> } } (actix-web)
(impl_item
  trait: [(type_identifier) (scoped_type_identifier)] @trait
  type: (_) @type
  body: (declaration_list
    (function_item
      body: (block) @path))
  (#match? @trait "(^|::)ResponseError$")
  (#set! path "error-impl"))

; impl AppError { fn status_code(&self) -> StatusCode { <here> } }: the status an error type
; answers with, which its IntoResponse or ResponseError impl then sends
(impl_item
  !trait
  type: (_) @type
  body: (declaration_list
    (function_item
      name: (identifier) @method
      return_type: (_) @returns
      body: (block) @path))
  (#match? @type "(Error|Err|Rejection|Failure)(<.*>)?$")
  (#match? @returns "(^|::)StatusCode$")
  (#set! path "error-impl"))
