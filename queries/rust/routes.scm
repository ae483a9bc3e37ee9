; Which HTTP method a handler serves, in Rust. Read by src/rules/context/route.rs.
;
; Captures: @verb holds the method (`post`, `routing::post`, `web::post`); @handler is the handler
; itself (a closure); @handler-name names a handler function; @marker is an attribute that applies
; to the function after it; the others only constrain.

; #[post("/users")] async fn create(...) (actix-web, rocket)
((attribute_item
  (attribute
    [(identifier) (scoped_identifier)] @verb)) @marker
  (#match? @verb "^([a-z_]+::)*(get|post|put|patch|delete)$"))

; .route("/users", post(create)), .route("/users", routing::post(create)) (axum)
(call_expression
  function: [(identifier) (scoped_identifier)] @verb
  arguments: (arguments . [(identifier) (scoped_identifier)] @handler-name .)
  (#match? @verb "^([a-z_]+::)*(get|post|put|patch|delete)$"))

; .route("/users", post(|Json(body): Json<New>| async move { ... }))
(call_expression
  function: [(identifier) (scoped_identifier)] @verb
  arguments: (arguments . (closure_expression) @handler .)
  (#match? @verb "^([a-z_]+::)*(get|post|put|patch|delete)$"))

; get(list).post(create) (axum method routers chained)
(call_expression
  function: (field_expression
    value: (call_expression
      function: [(identifier) (scoped_identifier) (field_expression)] @chain)
    field: (field_identifier) @verb)
  arguments: (arguments . [(identifier) (scoped_identifier)] @handler-name .)
  (#match? @chain "(^|::|[.])(get|post|put|patch|delete)$")
  (#any-of? @verb "get" "post" "put" "patch" "delete"))

; web::post().to(create) (actix-web)
(call_expression
  function: (field_expression
    value: (call_expression
      function: [(identifier) (scoped_identifier)] @verb)
    field: (field_identifier) @to)
  arguments: (arguments . [(identifier) (scoped_identifier)] @handler-name .)
  (#eq? @to "to")
  (#match? @verb "^([a-z_]+::)*(get|post|put|patch|delete)$"))

; warp::path!("users" / u32).and(warp::get()).and_then(show) (warp filters): the method is a
; `get()`-style filter anywhere in the chain before the handler, which route.rs looks for, as it
; reads the path from the chain's `path!` and `path(..)` filters
(call_expression
  function: (field_expression
    value: (_) @chain
    field: (field_identifier) @route)
  arguments: (arguments
    .
    [(closure_expression) @handler (identifier) @handler-name (scoped_identifier) @handler-name]
    .)
  (#any-of? @route "map" "and_then" "then")
  (#match? @chain "(get|post|put|patch|delete)\\(\\)")
  (#set! verb "within"))
