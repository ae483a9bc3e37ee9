; The responses Go code sends, for the rules that read a body or the default status. Read by
; src/rules/context/body.rs and default_status_go.rs. Captures as in
; queries/javascript/bodies.scm; @first is the writer a package function writes to.

; w.Write(body): no `w.WriteHeader` before it means 200
(call_expression
  function: (selector_expression
    operand: (identifier)
    field: (field_identifier) @method) @callee-expression
  arguments: (argument_list . (_) @body .)
  (#eq? @method "Write")
  (#set! status "default")) @response

; fmt.Fprintf(w, format, ..), fmt.Fprint(w, ..), io.WriteString(w, s)
(call_expression
  function: (selector_expression
    operand: (identifier) @constructor
    field: (field_identifier) @method) @callee-expression
  arguments: (argument_list . (identifier) @first . (_) @body)
  (#any-of? @constructor "fmt" "io")
  (#any-of? @method "Fprintf" "Fprint" "Fprintln" "WriteString")
  (#set! status "default")) @response

; json.NewEncoder(w).Encode(x)
(call_expression
  function: (selector_expression
    operand: (call_expression
      function: (selector_expression
        field: (field_identifier) @constructor)
      arguments: (argument_list . (identifier) @first))
    field: (field_identifier) @method) @callee-expression
  arguments: (argument_list . (_) @body)
  (#eq? @constructor "NewEncoder")
  (#eq? @method "Encode")
  (#set! status "default")) @response

; c.JSON(500, gin.H{..}), c.String(204, "done"), c.AbortWithStatusJSON(401, body) (gin, echo):
; the code first, the body after it
(call_expression
  function: (selector_expression
    field: (field_identifier) @method)
  arguments: (argument_list . (_) . (_) @body)
  (#any-of? @method
    "JSON" "IndentedJSON" "SecureJSON" "PureJSON" "AsciiJSON" "JSONP" "JSONPretty" "XML"
    "XMLPretty" "YAML" "TOML" "String" "HTML" "Blob" "Data" "AbortWithStatusJSON"
    "AbortWithStatusPureJSON")
  (#set! api "go")) @response

; w.Write(body), fmt.Fprintf(w, ..), json.NewEncoder(w).Encode(x): what a `w.WriteHeader(code)`
; a few statements before sends (`Responses::written_after`)
(call_expression
  function: (selector_expression
    operand: (identifier)
    field: (field_identifier) @method)
  arguments: (argument_list . (_) @body .)
  (#eq? @method "Write")
  (#set! api "go")) @response

(call_expression
  function: (selector_expression
    operand: (identifier) @constructor
    field: (field_identifier) @method)
  arguments: (argument_list . (identifier) . (_) @body)
  (#any-of? @constructor "fmt" "io")
  (#any-of? @method "Fprintf" "Fprint" "Fprintln" "WriteString")
  (#set! api "go")) @response

(call_expression
  function: (selector_expression
    operand: (call_expression
      function: (selector_expression
        field: (field_identifier) @constructor)
      arguments: (argument_list . (identifier)))
    field: (field_identifier) @method)
  arguments: (argument_list . (_) @body)
  (#eq? @constructor "NewEncoder")
  (#eq? @method "Encode")
  (#set! api "go")) @response

; http.Error(w, "not found", http.StatusNotFound): a plain-text body with its status
(call_expression
  function: (selector_expression
    operand: (identifier) @constructor
    field: (field_identifier) @method)
  arguments: (argument_list . (_) . (_) @body . (_) .)
  (#eq? @constructor "http")
  (#eq? @method "Error")
  (#set! api "go")) @response

; render.JSON(w, r, v), render.PlainText(w, r, s) (go-chi/render): 200 unless `render.Status(r,
; code)` came first
(call_expression
  function: (selector_expression
    operand: (identifier) @constructor
    field: (field_identifier) @method) @callee-expression
  arguments: (argument_list . (identifier) @first . (_) . (_) @body)
  (#eq? @constructor "render")
  (#any-of? @method "JSON" "PlainText" "HTML" "Data" "XML")
  (#set! status "default")) @response

; c.JSON(body), c.SendString(s) (fiber): 200 unless `c.Status(code)` came first
(call_expression
  function: (selector_expression
    operand: (identifier)
    field: (field_identifier) @method) @callee-expression
  arguments: (argument_list . (_) @body .)
  (#any-of? @method "JSON" "SendString" "Send" "XML")
  (#set! status "default")) @response
