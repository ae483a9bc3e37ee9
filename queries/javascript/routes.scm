; Which HTTP method a handler serves, in JavaScript and TypeScript. Read by
; src/rules/context/route.rs.
;
; Captures: @verb holds the method (`post`, `POST`, `Post`, "POST"); @handler is the handler
; function itself; @handler-name names a handler defined elsewhere in the file; @marker is a
; decorator that applies to the method it decorates (NestJS); @router is the object a route is
; registered on; the others only constrain.

; app.post("/users", auth, (req, res) => { ... }) (Express, Fastify, Hono, Koa router): the last
; argument is the handler, the ones between are middleware
(call_expression
  function: (member_expression
    object: (_) @router
    property: (property_identifier) @verb)
  arguments: (arguments
    .
    [(string) (template_string)]
    [(arrow_function) (function_expression)] @handler
    .)
  (#any-of? @verb "get" "post" "put" "patch" "delete" "del"))

; app.post("/users", createUser)
(call_expression
  function: (member_expression
    object: (_) @router
    property: (property_identifier) @verb)
  arguments: (arguments
    .
    [(string) (template_string)]
    (identifier) @handler-name
    .)
  (#any-of? @verb "get" "post" "put" "patch" "delete" "del"))

; app.route("/users").post((req, res) => { ... }) (Express)
(call_expression
  function: (member_expression
    object: (call_expression
      function: (member_expression
        property: (property_identifier) @route))
    property: (property_identifier) @verb)
  arguments: (arguments [(arrow_function) (function_expression)] @handler .)
  (#eq? @route "route")
  (#any-of? @verb "get" "post" "put" "patch" "delete"))

; fastify.route({ method: "POST", url: "/users", handler: async (request, reply) => { ... } })
(call_expression
  function: (member_expression
    property: (property_identifier) @route)
  arguments: (arguments
    .
    (object
      (pair
        key: (property_identifier) @method-key
        value: (string) @verb)
      (pair
        key: (property_identifier) @handler-key
        value: [(arrow_function) (function_expression)] @handler)))
  (#eq? @route "route")
  (#eq? @method-key "method")
  (#eq? @handler-key "handler"))

; export async function POST(request) { ... } (Next.js route handlers)
(export_statement
  declaration: (function_declaration
    name: (identifier) @verb) @handler
  (#any-of? @verb "GET" "POST" "PUT" "PATCH" "DELETE"))

; export const POST = async (request) => { ... }
(export_statement
  declaration: (lexical_declaration
    (variable_declarator
      name: (identifier) @verb
      value: [(arrow_function) (function_expression)] @handler))
  (#any-of? @verb "GET" "POST" "PUT" "PATCH" "DELETE"))

; export default function handler(req, res) { ... } (Next.js API routes): every method, and a
; route only in a file under pages/api/, which route.rs checks
(export_statement
  "default" @verb
  declaration: (function_declaration) @handler)

(export_statement
  "default" @verb
  value: [(arrow_function) (function_expression)] @handler)

; export default handler;
(export_statement
  "default" @verb
  value: (identifier) @handler-name)

; @Post() create() { ... } (NestJS): TypeScript puts the decorator before the method, JavaScript
; (Babel) inside it; route.rs resolves both
((decorator
  (call_expression
    function: (identifier) @verb)) @marker
  (#any-of? @verb "Get" "Post" "Put" "Patch" "Delete"))
