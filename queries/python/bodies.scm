; The responses Python code sends, for the rules that read a body or the default status. Read by
; src/rules/context/body.rs and default_status_python.rs. Captures as in
; queries/javascript/bodies.scm.

; return jsonify(error=msg), return {"error": ..}, return Response(data): a view's returned body,
; which goes out with 200 unless something names another status (a tuple `return body, 500`
; is an expression list, not matched here)
(return_statement
  [(call) (dictionary) (string) (list) (concatenated_string)] @body @callee-expression
  (#set! status "default")) @response

; JSONResponse(body, status_code=500), Response(data, status=204), JsonResponse(data, status=..),
; HttpResponse(body, status=..), make_response(body, 404): a status site inside @response and
; outside @body is that response's status
(call
  function: [
    (identifier) @method
    (attribute attribute: (identifier) @method)
  ]
  arguments: (argument_list
    .
    [(dictionary) (call) (identifier) (string) (list) (attribute) (subscript)
     (concatenated_string) (none)] @body)
  (#match? @method "(Response|^make_response)$")
  (#set! api "python")) @response

; Response(content=b"..", status_code=204), Response(data={..}, status=..)
(call
  function: [
    (identifier) @method
    (attribute attribute: (identifier) @method)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: (_) @body))
  (#match? @method "Response$")
  (#any-of? @key "content" "data" "body" "text")
  (#set! api "python")) @response

; return jsonify(ok=True), 500: a Flask view's tuple, body then status
(return_statement
  (expression_list
    .
    (_) @body
    .
    (_))
  (#set! api "python")) @response
