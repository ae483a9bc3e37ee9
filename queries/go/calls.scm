; Every call a framework row can name (frameworks/*.toml, src/frameworks/call.rs). Read by
; src/syntax/implicit.rs, which asks the framework model what each one sends.
(call_expression) @call
