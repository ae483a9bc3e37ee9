; Where Python code sets, sends or compares an HTTP status code (FastAPI, Starlette, Flask,
; Django, Django REST framework, aiohttp, requests/httpx clients).
;
; Captures and properties as in queries/javascript/sites.scm: @status is the code (an integer, a
; named constant or a name holding one: src/syntax/values.rs), @comparison a whole comparison,
; `kind` set, redirect, compare or constant, `role` thrown for an error the framework answers,
; `requires` a text the file must hold. @receiver, when present, must look like a response.

; status.HTTP_404_NOT_FOUND (Starlette, FastAPI, DRF), http.HTTPStatus.NOT_FOUND, HTTPStatus.OK
((attribute
  object: (identifier) @namespace
  attribute: (identifier)) @status
  (#eq? @namespace "status")
  (#set! kind "constant"))

((attribute
  object: [(identifier) (attribute)] @namespace
  attribute: (identifier)) @status
  (#match? @namespace "(^|\\.)HTTPStatus$")
  (#set! kind "constant"))

; JSONResponse(body, status_code=201), Response(status_code=..), @app.post("/", status_code=201),
; RedirectResponse(url, status_code=303)
(call
  function: (_) @function
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: [(integer) (identifier) (attribute)] @status))
  (#eq? @key "status_code")
  (#not-match? @function "HTTPException$")
  (#set! kind "set"))

; raise HTTPException(status_code=404) (FastAPI, Starlette): an error the framework answers
(call
  function: [
    (identifier) @function
    (attribute attribute: (identifier) @function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: [(integer) (identifier) (attribute)] @status))
  (#eq? @function "HTTPException")
  (#eq? @key "status_code")
  (#set! kind "set")
  (#set! role "thrown"))

; HttpResponse(status=404), JsonResponse(data, status=..) (Django), Response(data, status=..)
; (DRF, Flask), web.Response(status=..), web.json_response(data, status=..) (aiohttp): `status=`
; counts only on a call whose name says response
(call
  function: [
    (identifier) @function
    (attribute attribute: (identifier) @function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: [(integer) (identifier) (attribute)] @status))
  (#eq? @key "status")
  (#match? @function "([Rr]esponse|HTTPException)$")
  (#set! kind "set"))

; HTTPException(404, detail=..) (FastAPI, Starlette, werkzeug), abort(404) (Flask)
(call
  function: [
    (identifier) @function
    (attribute attribute: (identifier) @function)
  ]
  arguments: (argument_list
    .
    [(integer) (identifier) (attribute)] @status)
  (#any-of? @function "HTTPException" "abort")
  (#set! kind "set")
  (#set! role "thrown"))

; make_response(body, 404) (Flask)
(call
  function: [
    (identifier) @function
    (attribute attribute: (identifier) @function)
  ]
  arguments: (argument_list
    .
    (_)
    .
    [(integer) (identifier) (attribute)] @status)
  (#eq? @function "make_response")
  (#set! kind "set"))

; redirect(url, code=301) (Flask), redirect(url, 302)
(call
  function: [
    (identifier) @function
    (attribute attribute: (identifier) @function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: [(integer) (identifier) (attribute)] @status))
  (#eq? @function "redirect")
  (#eq? @key "code")
  (#set! kind "redirect"))

; redirect("/new", 301) (Flask's positional code)
(call
  function: [
    (identifier) @function
    (attribute attribute: (identifier) @function)
  ]
  arguments: (argument_list
    .
    (_)
    .
    [(integer) (identifier) (attribute)] @status)
  (#eq? @function "redirect")
  (#set! kind "redirect")
  (#set! requires "flask"))

; return jsonify(error=msg), 500 and return body, 201, headers (a Flask view's tuple)
(return_statement
  (expression_list
    .
    (_)
    .
    [(integer) (identifier) (attribute)] @status)
  (#set! kind "set")
  (#set! requires "flask"))

(return_statement
  (tuple
    .
    (_)
    .
    [(integer) (identifier) (attribute)] @status)
  (#set! kind "set")
  (#set! requires "flask"))

; class PaymentFailed(HTTPException): code = 402 (werkzeug), class Busy(APIException):
; status_code = 503 (DRF): the status an exception class gives itself, a definition
; (src/rules/context/role.rs tells an exception class from any other).
(class_definition
  superclasses: (argument_list)
  body: (block
    (expression_statement
      (assignment
        left: (identifier) @property
        right: (integer) @status)))
  (#any-of? @property "code" "status_code")
  (#set! kind "set")
  (#set! role "defined"))

; response.status_code = 404 (Starlette, FastAPI's injected Response, Django), resp.status = 404
(assignment
  left: (attribute
    object: (_) @receiver
    attribute: (identifier) @property)
  right: [(integer) (identifier) (attribute)] @status
  (#any-of? @property "status_code" "status")
  (#set! kind "set"))

; resp.status_code == 429, r.status == 503, response.status_code >= 500, 404 == r.status_code
(comparison_operator
  (attribute
    attribute: (identifier) @property)
  [(integer) (attribute)] @status
  (#any-of? @property "status_code" "status" "status_int")
  (#set! kind "compare")) @comparison

(comparison_operator
  (integer) @status
  (attribute
    attribute: (identifier) @property)
  (#any-of? @property "status_code" "status" "status_int")
  (#set! kind "compare")) @comparison
