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
