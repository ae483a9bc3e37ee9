; Where Python code is handling a failure: a status sent from here answers a request that went
; wrong. Read by src/rules/context/error_path.rs (captures and properties as in
; queries/javascript/error_paths.scm).

; try: .. except Exception as e: <here>, except: <here> (every error; `except KeyError:` handles
; one failure on purpose)
(except_clause
  value: [
    (identifier) @type
    (attribute attribute: (identifier) @type)
    (as_pattern . [(identifier) (attribute attribute: (identifier))] @type)
  ]
  (block) @path
  (#match? @type "(^|[.])(Exception|BaseException)$")
  (#set! path "catch"))

(except_clause
  !value
  (block) @path
  (#set! path "catch"))

; if error: <here>, if form.errors: <here>, if serializer.errors: <here>, if err is not None:
(if_statement
  condition: [(identifier) (attribute)] @guard
  consequence: (block) @path
  (#match? @guard "(^|[.])(err|error|errors|exc|[A-Za-z_][A-Za-z0-9_]*_(err|error|errors))$")
  (#set! path "error-guard"))

(if_statement
  condition: (comparison_operator
    [(identifier) (attribute)] @guard
    (none))
  consequence: (block) @path
  (#match? @guard "(^|[.])(err|error|errors|exc|[A-Za-z_][A-Za-z0-9_]*_(err|error|errors))$")
  (#set! path "error-guard"))

; if not resp.ok: <here> (requests, httpx), if not form.is_valid(): <here> (Django, DRF)
(if_statement
  condition: (not_operator
    argument: (attribute
      attribute: (identifier) @property) @guard)
  consequence: (block) @path
  (#eq? @property "ok")
  (#set! path "failed-check"))

(if_statement
  condition: (not_operator
    argument: (call
      function: (attribute
        attribute: (identifier) @property)) @guard)
  consequence: (block) @path
  (#any-of? @property "is_valid" "validate")
  (#set! path "failed-check"))

; if not user: return .., if user is None: return ..: a lookup that found nothing
(if_statement
  condition: (not_operator
    argument: [(identifier) (attribute)] @guard)
  consequence: (block (return_statement)) @path
  (#match? @guard "(?i)(user|account|record|item|entity|doc|document|row|found|exists|session|token|resource|result|match|obj|instance)s?$")
  (#set! path "missing-guard"))

(if_statement
  condition: (comparison_operator
    [(identifier) (attribute)] @guard
    (none))
  consequence: (block (return_statement)) @path
  (#match? @guard "(?i)(user|account|record|item|entity|doc|document|row|found|exists|session|token|resource|result|match|obj|instance)s?$")
  (#set! path "missing-guard"))

; @app.exception_handler(Exc) (FastAPI, Starlette), @app.errorhandler(500) (Flask): the function
; answers an error
(decorated_definition
  (decorator
    (call
      function: (attribute
        attribute: (identifier) @callee)))
  definition: (function_definition
    body: (block) @path)
  (#any-of? @callee "exception_handler" "errorhandler")
  (#set! path "error-handler"))
