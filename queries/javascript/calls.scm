; Every call a framework row can name (frameworks/*.toml, src/frameworks/call.rs): calls,
; constructors, assignments and throws. Read only around the pre-filter's hits, by
; src/syntax/implicit.rs, which asks the framework model what each one sends.
[
  (call_expression)
  (new_expression)
] @call
