; Which HTTP method a handler serves, in Python. Read by src/rules/context/route.rs.
;
; Captures: @verb holds the method; @marker is a decorator that applies to the function after it;
; @router the object the decorator is called on (an HTTP client's `.get` is no route).

; @app.get("/items"), @router.post("/items", status_code=201) (FastAPI), @app.post (Flask 2+),
; @routes.get("/x") (aiohttp)
((decorator
  (call
    function: (attribute
      object: (_) @router
      attribute: (identifier) @verb))) @marker
  (#any-of? @verb "get" "post" "put" "patch" "delete"))

; @app.route("/items", methods=["POST"]) (Flask), @bp.route(.., methods=("PUT",)): the first
; method listed
((decorator
  (call
    function: (attribute
      object: (_) @router
      attribute: (identifier) @route)
    arguments: (argument_list
      (keyword_argument
        name: (identifier) @key
        value: [(list . (string) @verb) (tuple . (string) @verb)])))) @marker
  (#eq? @route "route")
  (#eq? @key "methods"))

; @api_view(["POST"]) (Django REST framework)
((decorator
  (call
    function: (identifier) @route
    arguments: (argument_list . (list . (string) @verb)))) @marker
  (#eq? @route "api_view"))
