; JavaScript's plain parameters, read after queries/javascript/locals.scm for JavaScript and JSX
; (TypeScript wraps each parameter in a node of its own: queries/typescript/locals.scm).

; function send(res, status): a value this file cannot know
(formal_parameters
  (identifier) @local.definition)
