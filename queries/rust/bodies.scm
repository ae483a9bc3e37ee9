; Where Rust code sends a status and a body in one expression. Read by src/rules/context/body.rs:
; a status site inside @response but outside @body is that response's status, and @body is what
; it sends.
;
; Captures: @response is the whole expression; @body is the body; @constructor and @method only
; constrain. `api` is "rust" (the server drops a body on a status that forbids one).

; (StatusCode::NOT_FOUND, Json(json!({ ... }))), (StatusCode::OK, Html(page)) (axum)
((tuple_expression
  (call_expression
    function: [(identifier) (scoped_identifier)] @constructor) @body
  .) @response
  (#match? @constructor "(^|::)(Json|Html|Form)$")
  (#set! api "rust"))

; (StatusCode::NOT_FOUND, "no such user"), (StatusCode::OK, format!("...")) (axum)
((tuple_expression
  [(string_literal) (raw_string_literal) (macro_invocation)] @body
  .) @response
  (#set! api "rust"))

; HttpResponse::Ok().json(body), HttpResponse::build(StatusCode::OK).body(text) (actix-web),
; Response::builder().status(404).body(body) (http)
(call_expression
  function: (field_expression
    value: (call_expression)
    field: (field_identifier) @method)
  arguments: (arguments . (_) @body)
  (#any-of? @method "json" "body")
  (#set! api "rust")) @response
