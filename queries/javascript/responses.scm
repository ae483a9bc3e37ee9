; The responses a route declares it answers with, in JavaScript and TypeScript. Read by
; src/routes/declared.rs, which gives each declaration to the route whose registration holds it
; (Fastify's options object) or whose handler it decorates (NestJS).
;
; Captures: @declared is one declared response (a code, `4xx`, `default`, an `HttpStatus.X`
; constant, or a decorator's name that says the code); @declaration is what holds the list, where
; a fix adds to it.

; fastify.get("/x", { schema: { response: { 200: {..}, "4xx": {..}, default: {..} } } }, handler),
; fastify.route({ .., schema: { response: { .. } } })
(pair
  key: (property_identifier) @key
  value: (object
    (pair
      key: (property_identifier) @inner-key
      value: (object
        (pair
          key: [(number) (string) (property_identifier)] @declared)) @declaration))
  (#eq? @key "schema")
  (#eq? @inner-key "response"))

; @ApiResponse({ status: 404 }), @ApiResponse({ status: HttpStatus.NOT_FOUND }) (NestJS Swagger)
(decorator
  (call_expression
    function: (identifier) @callee
    arguments: (arguments
      (object
        (pair
          key: (property_identifier) @key
          value: [(number) (member_expression) (string)] @declared))))
  (#eq? @callee "ApiResponse")
  (#eq? @key "status")) @declaration

; @ApiOkResponse(), @ApiNotFoundResponse(), @ApiDefaultResponse(): the name says the code
(decorator
  (call_expression
    function: (identifier) @declared)
  (#match? @declared "^Api[A-Z][A-Za-z]*Response$")
  (#not-eq? @declared "ApiResponse")) @declaration
