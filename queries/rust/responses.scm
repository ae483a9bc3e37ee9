; The responses a route declares it answers with, in Rust. Read by src/routes/declared.rs.
;
; Captures: @declared is one declared response (`status = 200`, `status = "4XX"`,
; `status = NOT_FOUND`); @key only constrains. The declaration that holds them is the attribute
; around them (utoipa's `#[utoipa::path(.., responses((status = 200, ..), ..))]`).

(token_tree
  (identifier) @key
  .
  "="
  .
  [(integer_literal) (string_literal) (identifier)] @declared
  (#eq? @key "status"))
