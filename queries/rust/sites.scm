; Where Rust code sets, sends or compares an HTTP status code.
;
; Captures: @status is the code itself (an integer literal or a constant path); @comparison is a
; whole comparison, whose operator tells an equality test from a range bound. `kind` is set,
; compare or constant. `requires` names text the file must contain for the pattern to count:
; rocket's `Status` is too common a type name to trust on its own, so its patterns count only in
; files that mention `rocket::` (a `use` or a path; a comment saying "rocket" is not enough).
; @receiver, when present, must look like a response or a response builder (src/syntax/sites.rs).

; StatusCode::NOT_FOUND, http::StatusCode::NOT_FOUND, axum::http::StatusCode::OK
((scoped_identifier
  path: (_) @namespace
  name: (identifier)) @status
  (#match? @namespace "(^|::)StatusCode$")
  (#set! kind "constant"))

; Status::NotFound (rocket)
((scoped_identifier
  path: (_) @namespace
  name: (identifier)) @status
  (#match? @namespace "(^|::)Status$")
  (#set! kind "constant")
  (#set! requires "rocket::"))

; StatusCode::from_u16(531) (http), StatusCode::from_u16(ORIGIN_DOWN) (a name: src/syntax/values.rs)
(call_expression
  function: (scoped_identifier
    path: (_) @namespace
    name: (identifier) @method)
  arguments: (arguments . [(integer_literal) (identifier)] @status)
  (#match? @namespace "(^|::)StatusCode$")
  (#eq? @method "from_u16")
  (#set! kind "set"))

; Status::new(531) and Status::from_code(404) (rocket)
(call_expression
  function: (scoped_identifier
    path: (_) @namespace
    name: (identifier) @method)
  arguments: (arguments . [(integer_literal) (identifier)] @status)
  (#match? @namespace "(^|::)Status$")
  (#any-of? @method "new" "from_code")
  (#set! kind "set")
  (#set! requires "rocket::"))

; HttpResponse::NotFound(), HttpResponse::TooManyRequests() (actix-web)
(call_expression
  function: (scoped_identifier
    path: (_) @namespace
    name: (identifier)) @status
  (#match? @namespace "(^|::)HttpResponse$")
  (#set! kind "set"))

; Response::builder().status(404), builder.status(404): the receiver must name a response or a
; builder, since `.status(n)` on anything else (a job, a progress bar) is not HTTP
(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @method)
  arguments: (arguments . [(integer_literal) (identifier)] @status)
  (#eq? @method "status")
  (#set! kind "set"))

; (code, Json(body)) returned from a handler (axum), where `code` is a name holding a status
; type's value (`let code = StatusCode::OK`, `StatusCode::from_u16(599)?`), never a bare number:
; `through "name"`. No word marks the tuple itself, so it is found where such a name is used
; (`syntax::sites::carriers`).
(tuple_expression
  .
  (identifier) @status
  .
  (_)
  (#set! kind "set")
  (#set! through "name"))

; status::Custom(status, Json(body)) (rocket), with `status` a name holding a `Status`
(call_expression
  function: (scoped_identifier
    name: (identifier) @function)
  arguments: (arguments . (identifier) @status)
  (#eq? @function "Custom")
  (#set! kind "set")
  (#set! requires "rocket::")
  (#set! through "name"))

; warp::reply::with_status(reply, code), HttpResponse::build(code) (actix-web), with `code` a name
(call_expression
  function: [
    (identifier) @function
    (scoped_identifier name: (identifier) @function)
  ]
  arguments: (arguments . (_) . (identifier) @status .)
  (#eq? @function "with_status")
  (#set! kind "set"))

(call_expression
  function: (scoped_identifier
    path: (_) @namespace
    name: (identifier) @method)
  arguments: (arguments . (identifier) @status .)
  (#match? @namespace "(^|::)HttpResponse$")
  (#eq? @method "build")
  (#set! kind "set"))

; res.status() == 404, status.as_u16() == 429, resp.status().as_u16() >= 500
(binary_expression
  left: (call_expression
    function: (field_expression
      field: (field_identifier) @method))
  right: (integer_literal) @status
  (#any-of? @method "status" "as_u16")
  (#set! kind "compare")) @comparison

; res.status() == StatusCode::NOT_FOUND, StatusCode::OK != resp.status()
(binary_expression
  left: (call_expression
    function: (field_expression
      field: (field_identifier) @method))
  right: ((scoped_identifier
    path: (_) @namespace) @status
    (#match? @namespace "(^|::)StatusCode$"))
  (#eq? @method "status")
  (#set! kind "compare")) @comparison

(binary_expression
  left: ((scoped_identifier
    path: (_) @namespace) @status
    (#match? @namespace "(^|::)StatusCode$"))
  right: (call_expression
    function: (field_expression
      field: (field_identifier) @method))
  (#eq? @method "status")
  (#set! kind "compare")) @comparison

; res.status() == Status::NotFound (rocket's local client)
(binary_expression
  left: (call_expression
    function: (field_expression
      field: (field_identifier) @method))
  right: ((scoped_identifier
    path: (_) @namespace) @status
    (#match? @namespace "(^|::)Status$"))
  (#eq? @method "status")
  (#set! kind "compare")
  (#set! requires "rocket::")) @comparison

; 404 == res.status()
(binary_expression
  left: (integer_literal) @status
  right: (call_expression
    function: (field_expression
      field: (field_identifier) @method))
  (#any-of? @method "status" "as_u16")
  (#set! kind "compare")) @comparison

; match resp.status().as_u16() { 404 => ..., 429 | 503 => ... }
(match_expression
  value: (call_expression
    function: (field_expression
      field: (field_identifier) @method))
  body: (match_block
    (match_arm
      pattern: (match_pattern
        [(integer_literal) @status
         (or_pattern (integer_literal) @status)])))
  (#any-of? @method "status" "as_u16")
  (#set! kind "compare"))

; Inside a macro's arguments (assert_eq!, json!, vec!) tree-sitter sees loose tokens, not
; expressions: a path is `StatusCode` `::` `NOT_FOUND`. @status is the name; the site spans from
; @namespace, which must be the path's last segment before the name.

; json!({ "status": StatusCode::OK.as_u16() }), vec![StatusCode::NOT_FOUND]
(token_tree
  (identifier) @namespace
  .
  "::"
  .
  (identifier) @status
  (#eq? @namespace "StatusCode")
  (#set! kind "constant"))

(token_tree
  (identifier) @namespace
  .
  "::"
  .
  (identifier) @status
  (#eq? @namespace "Status")
  (#set! kind "constant")
  (#set! requires "rocket::"))

; assert_eq!(res.status(), StatusCode::NOT_FOUND): a test compares, it does not send
(macro_invocation
  macro: (identifier) @function
  (token_tree
    (identifier) @namespace
    .
    "::"
    .
    (identifier) @status)
  (#any-of? @function "assert_eq" "assert_ne" "debug_assert_eq" "debug_assert_ne")
  (#eq? @namespace "StatusCode")
  (#set! kind "compare"))

; assert_eq!(response.status(), Status::Ok) (rocket's local client)
(macro_invocation
  macro: (identifier) @function
  (token_tree
    (identifier) @namespace
    .
    "::"
    .
    (identifier) @status)
  (#any-of? @function "assert_eq" "assert_ne" "debug_assert_eq" "debug_assert_ne")
  (#eq? @namespace "Status")
  (#set! kind "compare")
  (#set! requires "rocket::"))

; assert_eq!(res.status(), 404), assert_eq!(resp.status().as_u16(), 429)
(macro_invocation
  macro: (identifier) @function
  (token_tree
    (identifier) @method
    .
    (token_tree)
    .
    ","
    .
    (integer_literal) @status)
  (#any-of? @function "assert_eq" "assert_ne" "debug_assert_eq" "debug_assert_ne")
  (#any-of? @method "status" "as_u16")
  (#set! kind "compare"))
