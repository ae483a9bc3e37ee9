; Every call a framework row can name (frameworks/*.toml, src/frameworks/call.rs): `abort(404)`,
; `HttpResponseNotFound()`, `web.HTTPNotFound()`, `redirect(url)`, and a `raise` of one. Read by
; src/syntax/implicit.rs, which asks the framework model what each one sends.
(call) @call
