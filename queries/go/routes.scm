; Which HTTP method a handler serves, in Go. Read by src/rules/context/route.rs.
;
; Captures: @verb holds the method; @handler is the handler itself (a function literal);
; @handler-name names a handler function or method; @router the router it is registered on (an
; HTTP client's `http.Get(url)` is no route).

; r.GET("/items", list), e.POST("/items", h.Create) (gin, echo), r.Get("/items", list) (chi,
; fiber): the handler is the last argument, after any middleware
(call_expression
  function: (selector_expression
    operand: (_) @router
    field: (field_identifier) @verb)
  arguments: (argument_list
    .
    (interpreted_string_literal)
    [(identifier) (selector_expression)] @handler-name
    .)
  (#match? @verb "^(GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)$"))

; r.POST("/items", func(c *gin.Context) { .. })
(call_expression
  function: (selector_expression
    operand: (_) @router
    field: (field_identifier) @verb)
  arguments: (argument_list
    .
    (interpreted_string_literal)
    (func_literal) @handler
    .)
  (#match? @verb "^(GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)$"))

; mux.HandleFunc("POST /items", create), http.HandleFunc("GET /items/{id}", show) (net/http's
; patterns since Go 1.22 name the method before the path)
(call_expression
  function: (selector_expression
    operand: (_) @router
    field: (field_identifier) @route)
  arguments: (argument_list
    .
    (interpreted_string_literal) @verb
    .
    [(identifier) (selector_expression)] @handler-name
    .)
  (#any-of? @route "HandleFunc" "Handle")
  (#match? @verb "^\"(GET|POST|PUT|PATCH|DELETE) ")
  (#set! verb "pattern"))

(call_expression
  function: (selector_expression
    operand: (_) @router
    field: (field_identifier) @route)
  arguments: (argument_list
    .
    (interpreted_string_literal) @verb
    .
    (func_literal) @handler
    .)
  (#any-of? @route "HandleFunc" "Handle")
  (#match? @verb "^\"(GET|POST|PUT|PATCH|DELETE) ")
  (#set! verb "pattern"))
