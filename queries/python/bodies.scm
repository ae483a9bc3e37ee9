; The responses Python code sends, for the rules that read a body or the default status. Read by
; src/rules/context/body.rs and default_status_python.rs. Captures as in
; queries/javascript/bodies.scm.

; return jsonify(error=msg), return {"error": ..}, return Response(data): a view's returned body,
; which goes out with 200 unless something names another status (a tuple `return body, 500`
; is an expression list, not matched here)
(return_statement
  [(call) (dictionary) (string) (list) (concatenated_string)] @body @callee-expression
  (#set! status "default")) @response
