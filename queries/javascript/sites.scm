; Where JavaScript and TypeScript code sets, sends or compares an HTTP status code.
;
; Captures: @status is the code itself (a number or a named constant); @receiver, when present, is
; the object a method is called on and must look like a response (res, reply, ctx, c, h, ...:
; checked in src/syntax/sites.rs); @comparison is the whole comparison, whose operator tells an
; equality test from a range bound. `kind` is set, redirect, compare or constant.

; res.status(404), res.sendStatus(404), reply.code(404) (Fastify), h.response(x).code(404) (Hapi),
; res.writeHead(404, headers), ctx.throw(404) (Koa: thrown, src/syntax/sites.rs says so); and res.status(err.status || 500),
; res.status(err.statusCode ?? 500), res.status(found ? 200 : 404): the fallback and both branches
; are codes the call sends. Each alternative that fits gives a match of its own. One pattern with
; the alternatives inside, rather than two patterns, compiles faster: tree-sitter analyses each
; pattern's root against the whole grammar.
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments
    .
    [
      (_) @status
      (binary_expression
        operator: ["||" "??"]
        right: (number) @status)
      (ternary_expression
        consequence: (number) @status)
      (ternary_expression
        alternative: (number) @status)
    ])
  (#any-of? @method "status" "sendStatus" "code" "writeHead" "throw")
  (#set! kind "set"))
; res.redirect(301, "/new") (Express), res.redirect(FOUND, "/new") with a name holding the code
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments . [(number) (identifier)] @status . (_))
  (#eq? @method "redirect")
  (#set! kind "redirect"))

; c.json(body, 404), c.text(body, 404), c.html(body, 404), c.body(body, 404) (Hono)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments . (_) . (_) @status)
  (#any-of? @method "json" "text" "html" "body" "newResponse")
  (#set! kind "set"))

; c.redirect("/new", 301) (Hono), Response.redirect(url, 308), NextResponse.redirect(url, 307)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments . (_) . (_) @status)
  (#eq? @method "redirect")
  (#set! kind "redirect"))

; res.statusCode = 404 (Node, Express), ctx.status = 404 (Koa), and
; res.statusCode = err.status || 500, ctx.status = found ? 200 : 404
(assignment_expression
  left: (member_expression
    object: (_) @receiver
    property: (property_identifier) @property)
  right: [
    (_) @status
    (binary_expression
      operator: ["||" "??"]
      right: (number) @status)
    (ternary_expression
      consequence: (number) @status)
    (ternary_expression
      alternative: (number) @status)
  ]
  (#any-of? @property "status" "statusCode")
  (#set! kind "set"))

; err.status = 531; next(err) (Express), e.statusCode = 521; throw e: an error carrying its status
; to the framework. It counts only where the framework model says the error reaches a call that
; reads that property (frameworks/*.toml `errors`, src/rules/context/model.rs). On any object, so
; only a three-digit 1xx-5xx number: the pre-filter lets no other through (`x.status = 6`).
(assignment_expression
  left: (member_expression
    object: (identifier) @error
    property: (property_identifier) @property)
  right: (number) @status
  (#any-of? @property "status" "statusCode")
  (#match? @status "^[1-5][0-9][0-9]$")
  (#set! kind "set")
  (#set! role "thrown"))

; class NotFound extends Error { constructor(m) { super(m); this.status = 404 } } and
; class Gone extends HttpError { statusCode = 410 } (`readonly status = 410` in TypeScript): the
; status an error class gives itself. Only a three-digit number, and only as the class's own
; definition: src/rules/context/role.rs tells an error class from any other, which defines no
; error and whose site nothing reports.
(class_body
  (method_definition
    body: (statement_block
      (expression_statement
        (assignment_expression
          left: (member_expression
            object: (this)
            property: (property_identifier) @property)
          right: (number) @status))))
  (#any-of? @property "status" "statusCode")
  (#match? @status "^[1-5][0-9][0-9]$")
  (#set! kind "set")
  (#set! role "defined"))
(class_body
  [
    (_ property: (property_identifier) @property value: (number) @status)
    (_ name: (property_identifier) @property value: (number) @status)
  ]
  (#any-of? @property "status" "statusCode")
  (#match? @status "^[1-5][0-9][0-9]$")
  (#set! kind "set")
  (#set! role "defined"))

; class Teapot extends HttpException { constructor() { super("teapot", 200) } }: a number handed to
; an error class's parent constructor is the status the error goes out with (NestJS's
; HttpException, http-errors' HttpError and their kin take it so).
; A class declaration or a class expression (`module.exports = class extends Error {..}`).
(_
  (class_heritage) @heritage
  body: (class_body
    (method_definition
      body: (statement_block
        (expression_statement
          (call_expression
            function: (super)
            arguments: (arguments (number) @status))))))
  (#match? @heritage "Error|Exception")
  (#match? @status "^[1-5][0-9][0-9]$")
  (#set! kind "set")
  (#set! role "defined"))

; return { statusCode: 404, body } (AWS Lambda, Netlify and Vercel functions). `statusCode` names
; an HTTP status nearly everywhere, but only a three-digit 1xx-5xx number counts: a stray
; `statusCode: 0` in a mock is not worth an error.
(pair
  key: (property_identifier) @key
  value: (number) @status
  (#eq? @key "statusCode")
  (#match? @status "^[1-5][0-9][0-9]$")
  (#set! kind "set"))

; @HttpCode(204) (NestJS)
(decorator
  (call_expression
    function: (identifier) @function
    arguments: (arguments . (_) @status))
  (#eq? @function "HttpCode")
  (#set! kind "set"))

; new HttpException("Gone", 410) (NestJS)
(new_expression
  constructor: (identifier) @constructor
  arguments: (arguments . (_) . (_) @status)
  (#eq? @constructor "HttpException")
  (#set! kind "set")
  (#set! role "thrown"))

; new HTTPException(531, { message }) (Hono)
(new_expression
  constructor: (identifier) @constructor
  arguments: (arguments . (_) @status)
  (#eq? @constructor "HTTPException")
  (#set! kind "set")
  (#set! role "thrown"))

; new Response(body, { status: 404 }), new NextResponse(body, { status: 404 }) (fetch API, Next.js).
; Only the second argument is the init object: a `status` field in the body is the app's data.
(new_expression
  constructor: (identifier) @constructor
  arguments: (arguments
    .
    (_)
    .
    (object
      (pair
        key: (property_identifier) @key
        value: (_) @status)))
  (#any-of? @constructor "Response" "NextResponse")
  (#eq? @key "status")
  (#set! kind "set"))

; new Response(body, { status }) with `status` a name holding the code
(new_expression
  constructor: (identifier) @constructor
  arguments: (arguments
    .
    (_)
    .
    (object
      (shorthand_property_identifier) @status))
  (#any-of? @constructor "Response" "NextResponse")
  (#eq? @status "status")
  (#set! kind "set"))

; Response.json(x, { status: 404 }), NextResponse.json(x, { status: 404 })
(call_expression
  function: (member_expression
    object: (identifier) @constructor
    property: (property_identifier) @method)
  arguments: (arguments
    .
    (_)
    .
    (object
      (pair
        key: (property_identifier) @key
        value: (_) @status)))
  (#any-of? @constructor "Response" "NextResponse")
  (#eq? @method "json")
  (#eq? @key "status")
  (#set! kind "set"))

; Response.json(x, { status }), NextResponse.json(x, { status })
(call_expression
  function: (member_expression
    object: (identifier) @constructor
    property: (property_identifier) @method)
  arguments: (arguments
    .
    (_)
    .
    (object
      (shorthand_property_identifier) @status))
  (#any-of? @constructor "Response" "NextResponse")
  (#eq? @method "json")
  (#eq? @status "status")
  (#set! kind "set"))

; json(data, { status: 404 }) (Remix, SvelteKit)
(call_expression
  function: (identifier) @function
  arguments: (arguments
    .
    (_)
    .
    (object
      (pair
        key: (property_identifier) @key
        value: (_) @status)))
  (#eq? @function "json")
  (#eq? @key "status")
  (#set! kind "set"))

; createError(404), createHttpError(404), httpErrors(404) (http-errors, Koa, Fastify)
(call_expression
  function: (identifier) @function
  arguments: (arguments . (_) @status)
  (#any-of? @function "createError" "createHttpError" "httpErrors")
  (#set! kind "set")
  (#set! role "thrown"))

; res.status === 404, response.status >= 500, res.statusCode !== 200
(binary_expression
  left: (member_expression
    object: (_) @receiver
    property: (property_identifier) @property)
  right: [(number) (member_expression)] @status
  (#any-of? @property "status" "statusCode")
  (#set! kind "compare")) @comparison

; 404 === res.status
(binary_expression
  left: (number) @status
  right: (member_expression
    object: (_) @receiver
    property: (property_identifier) @property)
  (#any-of? @property "status" "statusCode")
  (#set! kind "compare")) @comparison

; switch (res.status) { case 404: ... }
(switch_statement
  value: (parenthesized_expression
    (member_expression
      object: (_) @receiver
      property: (property_identifier) @property))
  body: (switch_body
    (switch_case
      value: [(number) (member_expression)] @status))
  (#any-of? @property "status" "statusCode")
  (#set! kind "compare"))

; HttpStatus.NOT_FOUND (NestJS), StatusCodes.NOT_FOUND (http-status-codes), httpStatus.NOT_FOUND
; (http-status): a constant is a site wherever it appears
((member_expression
  object: (identifier) @namespace
  property: (property_identifier)) @status
  (#any-of? @namespace "HttpStatus" "StatusCodes" "httpStatus" "HttpStatusCode" "HTTP_STATUS")
  (#set! kind "constant"))

; expect(res.status).toBe(404), expect(response.statusCode).toEqual(200) (Jest, Vitest)
(call_expression
  function: (member_expression
    object: (call_expression
      function: (identifier) @function
      arguments: (arguments
        .
        (member_expression
          object: (_) @receiver
          property: (property_identifier) @property)
        .))
    property: (property_identifier) @method)
  arguments: (arguments . (number) @status .)
  (#eq? @function "expect")
  (#any-of? @property "status" "statusCode")
  (#any-of? @method "toBe" "toEqual" "toStrictEqual")
  (#set! kind "compare"))
