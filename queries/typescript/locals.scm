; What TypeScript adds to queries/javascript/locals.scm (read after it, for TypeScript and TSX):
; typed parameters and enums. An enum's value is its body: `Codes.Down` reads the member.

; function fail(res: Response, status: number = 531)
(required_parameter
  pattern: (identifier) @local.definition
  value: (_)? @local.definition.value)

(optional_parameter
  pattern: (identifier) @local.definition
  value: (_)? @local.definition.value)

; enum Codes { Down = 521 }
(enum_declaration
  name: (identifier) @local.definition
  body: (enum_body) @local.definition.value)
