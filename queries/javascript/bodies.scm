; Where JavaScript and TypeScript code sends a status and a body in one expression. Read by
; src/rules/context/body.rs: a status site inside @response but outside @body is that response's
; status, and @body is what it sends.
;
; Captures: @response is the whole expression; @body is the body argument; @method and
; @constructor only constrain. `api` says how the platform treats a body on a status that
; forbids one: "node" drops it silently, "fetch" throws (the fetch API's Response constructor
; throws a TypeError), and `null-only` marks APIs where only null or undefined means no body.

; res.status(404).json(body), reply.code(404).send(body) (Express, Fastify)
(call_expression
  function: (member_expression
    object: (call_expression)
    property: (property_identifier) @method)
  arguments: (arguments . (_) @body)
  (#any-of? @method "json" "send" "jsonp")
  (#set! api "node")) @response

; ctx.body = body (Koa): what the response sends; its status is set apart (`ctx.status = 504`)
((assignment_expression
  left: (member_expression
    object: (_)
    property: (property_identifier) @method)
  right: (_) @body) @response
  (#eq? @method "body")
  (#set! api "node"))

; ctx.body = { error } (Koa) with no status set: 200 where the framework model says so
((assignment_expression
  left: (member_expression
    object: (identifier)
    property: (property_identifier) @method) @callee-expression
  right: (_) @body) @response
  (#eq? @method "body")
  (#set! status "default"))

; h.response(body).code(404) (hapi)
(call_expression
  function: (member_expression
    object: (call_expression
      function: (member_expression
        property: (property_identifier) @method)
      arguments: (arguments . (_) @body))
    property: (property_identifier) @status-method)
  (#eq? @method "response")
  (#eq? @status-method "code")
  (#set! api "node")) @response

; c.json(body, 404), c.text(body, 404), c.body(body, 404) (Hono: each builds a fetch Response)
(call_expression
  function: (member_expression
    object: (identifier)
    property: (property_identifier) @method)
  arguments: (arguments . (_) @body . (_))
  (#any-of? @method "json" "text" "html" "body")
  (#set! api "fetch")) @response

; Response.json(body, { status: 404 }), NextResponse.json(body, { status: 404 })
(call_expression
  function: (member_expression
    object: (identifier) @constructor
    property: (property_identifier) @method)
  arguments: (arguments . (_) @body)
  (#any-of? @constructor "Response" "NextResponse")
  (#eq? @method "json")
  (#set! api "fetch")) @response

; new Response(body, { status: 404 }), new NextResponse(body, { status: 404 })
(new_expression
  constructor: (identifier) @constructor
  arguments: (arguments . (_) @body . (_))
  (#any-of? @constructor "Response" "NextResponse")
  (#set! api "fetch")
  (#set! null-only "true")) @response

; json(body, { status: 404 }) (Remix, SvelteKit)
(call_expression
  function: (identifier) @method
  arguments: (arguments . (_) @body . (_))
  (#eq? @method "json")
  (#set! api "fetch")) @response

; res.json(body), reply.send(body), res.render(view), c.json(body), NextResponse.json(body): no
; status in the call, so the response goes out with the one set earlier, or 200. body.rs keeps
; these apart, drops any that do hold a status site, and tells the APIs apart by receiver.
(call_expression
  function: (member_expression
    object: (identifier)
    property: (property_identifier) @method) @callee-expression
  arguments: (arguments . (_) @body)
  (#any-of? @method "json" "send" "render" "text" "html")
  (#set! status "default")) @response

; new Response(body), new NextResponse(body): no init object, so the fetch API's default 200
; (a `catch { return new Response(JSON.stringify({ status: "error" })) }` sends 200).
(new_expression
  constructor: (identifier) @constructor @callee-expression
  arguments: (arguments . (_) @body .)
  (#any-of? @constructor "Response" "NextResponse")
  (#set! status "default")) @response
