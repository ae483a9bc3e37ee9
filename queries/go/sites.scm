; Where Go code sets, sends or compares an HTTP status code (net/http, chi, gin, echo, fiber, and
; clients reading `resp.StatusCode`).
;
; Captures and properties as in queries/javascript/sites.scm: @status is the code (an integer, a
; named constant or a name holding one: src/syntax/values.rs), @comparison a whole comparison,
; `kind` set, redirect, compare or constant, `role` thrown for an error the framework answers,
; `requires` a text the file must hold. @receiver, when present, must look like a response.

; http.StatusNotFound (net/http), fiber.StatusNotFound (fiber's copies)
((selector_expression
  operand: (identifier) @namespace
  field: (field_identifier) @property) @status
  (#any-of? @namespace "http" "fiber")
  (#match? @property "^Status[A-Z]")
  (#set! kind "constant"))

; w.WriteHeader(404), rw.WriteHeader(code)
(call_expression
  function: (selector_expression
    field: (field_identifier) @method)
  arguments: (argument_list
    .
    [(int_literal) (identifier) (selector_expression)] @status)
  (#eq? @method "WriteHeader")
  (#set! kind "set"))

; http.Error(w, msg, 500)
(call_expression
  function: (selector_expression
    operand: (identifier) @namespace
    field: (field_identifier) @method)
  arguments: (argument_list
    (_)
    .
    (_)
    .
    [(int_literal) (identifier) (selector_expression)] @status
    .)
  (#eq? @namespace "http")
  (#eq? @method "Error")
  (#set! kind "set"))

; http.Redirect(w, r, url, 301)
(call_expression
  function: (selector_expression
    operand: (identifier) @namespace
    field: (field_identifier) @method)
  arguments: (argument_list
    (_)
    .
    (_)
    .
    (_)
    .
    [(int_literal) (identifier) (selector_expression)] @status
    .)
  (#eq? @namespace "http")
  (#eq? @method "Redirect")
  (#set! kind "redirect"))

; c.JSON(404, body), c.String(..), c.AbortWithStatus(403) (gin), c.NoContent(204) (echo),
; c.Status(404), c.SendStatus(404) (fiber, gin): the code first, on a context
(call_expression
  function: (selector_expression
    operand: (_) @receiver
    field: (field_identifier) @method)
  arguments: (argument_list
    .
    [(int_literal) (identifier) (selector_expression)] @status)
  (#any-of? @method
    "JSON" "IndentedJSON" "SecureJSON" "PureJSON" "AsciiJSON" "JSONP" "JSONPretty" "JSONBlob"
    "XML" "XMLPretty" "XMLBlob" "YAML" "TOML" "ProtoBuf" "String" "HTML" "HTMLBlob" "Data"
    "Blob" "Stream" "Render" "DataFromReader" "NoContent" "Status" "SendStatus"
    "AbortWithStatus" "AbortWithStatusJSON" "AbortWithStatusPureJSON" "AbortWithError")
  (#set! kind "set"))

; c.Redirect(302, url) (gin, echo)
(call_expression
  function: (selector_expression
    operand: (_) @receiver
    field: (field_identifier) @method)
  arguments: (argument_list
    .
    [(int_literal) (identifier) (selector_expression)] @status
    .
    (_))
  (#eq? @method "Redirect")
  (#set! kind "redirect"))

; echo.NewHTTPError(404, msg), fiber.NewError(503): errors the framework answers
(call_expression
  function: (selector_expression
    operand: (identifier) @namespace
    field: (field_identifier) @method)
  arguments: (argument_list
    .
    [(int_literal) (identifier) (selector_expression)] @status)
  (#any-of? @namespace "echo" "fiber")
  (#any-of? @method "NewHTTPError" "NewError")
  (#set! kind "set")
  (#set! role "thrown"))

; resp.StatusCode == 429, res.StatusCode != http.StatusOK, resp.StatusCode >= 500
(binary_expression
  left: (selector_expression
    field: (field_identifier) @property)
  right: [(int_literal) (selector_expression)] @status
  (#eq? @property "StatusCode")
  (#set! kind "compare")) @comparison

(binary_expression
  left: [(int_literal) (selector_expression)] @status
  right: (selector_expression
    field: (field_identifier) @property)
  (#eq? @property "StatusCode")
  (#set! kind "compare")) @comparison

; rec.Code != http.StatusOK (net/http/httptest's recorder, in tests)
(binary_expression
  left: (selector_expression
    field: (field_identifier) @property)
  right: [(int_literal) (selector_expression)] @status
  (#eq? @property "Code")
  (#set! kind "compare")
  (#set! requires "httptest")) @comparison

; switch resp.StatusCode { case 404, 410: }
(expression_switch_statement
  value: (selector_expression
    field: (field_identifier) @property)
  (expression_case
    value: (expression_list
      (int_literal) @status))
  (#eq? @property "StatusCode")
  (#set! kind "compare"))

; render.Status(r, 400) (go-chi/render): the status the next render.JSON(w, r, ..) sends
(call_expression
  function: (selector_expression
    operand: (identifier) @namespace
    field: (field_identifier) @method)
  arguments: (argument_list
    (_)
    .
    [(int_literal) (identifier) (selector_expression)] @status
    .)
  (#eq? @namespace "render")
  (#eq? @method "Status")
  (#set! kind "set"))
