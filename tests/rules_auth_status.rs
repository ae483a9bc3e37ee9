//! `auth-status`: 401 and 403 swapped, judged by what the guard around the response tests.

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "auth-status";

// ---- must fire ----

#[test]
fn express_middleware_without_an_authorization_header_sends_403() {
    let src = r#"
function requireAuth(req, res, next) {
  if (!req.headers.authorization) {
    return res.status(403).json({ error: "missing token" });
  }
  next();
}
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "status(403)", "403"));
    assert!(
        f.message.starts_with(
            "403 Forbidden sent when the request has no valid credentials (`!req.headers.authorization`): that is 401 Unauthorized"
        ),
        "{}",
        f.message
    );
    let fix = preferred(&f);
    assert_eq!(fix.title, "Use 401 Unauthorized");
    assert!(apply(src, fix).contains("res.status(401).json"));
}

#[test]
fn jsonwebtoken_verify_callback_and_try_catch() {
    let src = r#"
app.use((req, res, next) => {
  const token = req.cookies.session;
  jwt.verify(token, process.env.SECRET, (err, claims) => {
    if (err) return res.sendStatus(403);
    req.claims = claims;
    next();
  });
});
app.get("/me", (req, res) => {
  try {
    const claims = jwt.verify(req.query.t, key);
    res.json(claims);
  } catch (e) {
    res.status(403).json({ error: e.message });
  }
});
"#;
    let found = run(src, JS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].range, locate(src, "sendStatus(403)", "403"));
    assert!(
        found[0].message.contains("(`jwt.verify`)"),
        "{}",
        found[0].message
    );
    assert_eq!(
        found[1].range,
        locate(src, "res.status(403).json({ error: e", "403")
    );
}

#[test]
fn passport_callback_with_no_user() {
    let src = r#"
router.post("/login", (req, res, next) => {
  passport.authenticate("local", (err, user) => {
    if (!user) return res.status(403).json({ message: "bad credentials" });
    req.logIn(user, () => res.json(user));
  })(req, res, next);
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "status(403)", "403"));
}

#[test]
fn a_missing_request_user_sends_403() {
    let src = r#"
export async function handler(ctx: Context) {
  if (!ctx.state.user) {
    ctx.status = 403;
    return;
  }
  ctx.body = await profiles.get(ctx.state.user.id);
}
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(f.range, locate(src, "ctx.status = 403", "403"));
}

#[test]
fn a_role_check_of_a_known_user_sends_401() {
    let src = r#"
app.delete("/users/:id", requireAuth, (req, res) => {
  if (req.user.role !== "admin") {
    return res.status(401).json({ error: "admins only" });
  }
  users.remove(req.params.id);
  res.sendStatus(204);
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "status(401)", "401"));
    assert!(
        f.message.starts_with(
            "401 Unauthorized sent when a known client lacks a permission (`req.user.role !== \"admin\"`): that is 403 Forbidden"
        ),
        "{}",
        f.message
    );
    assert!(apply(src, preferred(&f)).contains("res.status(403).json"));
}

#[test]
fn nest_guard_permission_check_throws_401_through_a_named_constant() {
    let src = r#"
@Injectable()
export class RolesGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { user } = context.switchToHttp().getRequest();
    if (!this.abilities.can(user, "delete", "Post")) {
      throw new HttpException("not allowed", HttpStatus.UNAUTHORIZED);
    }
    return true;
  }
}
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(
        f.range,
        locate(src, "HttpStatus.UNAUTHORIZED", "HttpStatus.UNAUTHORIZED")
    );
    assert!(apply(src, preferred(&f)).contains("HttpStatus.FORBIDDEN"));
}

#[test]
fn hono_scope_check_with_a_ternary() {
    let src = r#"
app.post("/posts", (c) => {
  const payload = c.get("jwtPayload");
  return payload.scopes.includes("posts:write") ? c.json(create(c)) : c.json({ error: "scope" }, 401);
});
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(f.range, locate(src, "}, 401)", "401"));
}

#[test]
fn axum_extractor_and_handler() {
    let src = r#"
impl<S: Send + Sync> FromRequestParts<S> for Claims {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let TypedHeader(Authorization(bearer)) = parts
            .extract::<TypedHeader<Authorization<Bearer>>>()
            .await
            .map_err(|_| StatusCode::FORBIDDEN)?;
        let data = decode::<Claims>(bearer.token(), &KEYS.decoding, &Validation::default())
            .map_err(|_| StatusCode::FORBIDDEN)?;
        Ok(data.claims)
    }
}

async fn delete_post(claims: Claims) -> StatusCode {
    if !claims.scopes.contains(&"posts:delete".to_string()) {
        return StatusCode::UNAUTHORIZED;
    }
    StatusCode::NO_CONTENT
}
"#;
    let found = run(src, RUST, RULE);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].code, 403);
    assert_eq!(found[1].code, 403);
    assert_eq!(
        found[2].range,
        locate(
            src,
            "return StatusCode::UNAUTHORIZED",
            "StatusCode::UNAUTHORIZED"
        )
    );
    assert!(
        apply(src, preferred(&found[0]))
            .contains(".map_err(|_| StatusCode::UNAUTHORIZED)?;\n        let data")
    );
    assert!(apply(src, preferred(&found[2])).contains("return StatusCode::FORBIDDEN;"));
}

#[test]
fn actix_middleware_without_the_header() {
    let src = r#"
async fn check(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(req.into_response(HttpResponse::Forbidden().finish()).map_into_right_body());
    };
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}
"#;
    let f = single(run(src, RUST, RULE));
    assert_eq!(f.code, 403);
    assert!(apply(src, preferred(&f)).contains("HttpResponse::Unauthorized().finish()"));
}

// ---- must not fire ----

#[test]
fn quiet_when_the_code_matches_the_guard() {
    let src = r#"
function requireAuth(req, res, next) {
  if (!req.headers.authorization) return res.status(401).json({ error: "sign in" });
  if (!req.user.isAdmin) return res.status(403).json({ error: "admins only" });
  next();
}
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_when_the_guard_tests_both_or_neither() {
    let src = r#"
app.get("/admin", (req, res) => {
  if (!req.user || !req.user.isAdmin) return res.sendStatus(403);
  if (!item) return res.status(403).end();
  res.json(stats());
});
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_for_csrf_and_rate_limits() {
    let src = r#"
app.post("/transfer", (req, res) => {
  if (!req.body.csrfToken) return res.status(403).json({ error: "csrf" });
  if (rateLimiter.isLimited(req.ip)) return res.status(403).end();
  res.json(transfer(req.body));
});
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_for_a_lookup_that_is_not_the_authenticated_user() {
    let src = r#"
app.get("/users/:id", async (req, res) => {
  const user = await User.findById(req.params.id);
  if (!user) return res.status(403).end();
  res.json(user);
});
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_in_tests_that_assert_the_status() {
    let src = r#"
it("rejects a missing token", async () => {
  const res = await request(app).get("/me");
  if (!token) expect(res.status).toBe(403);
  await request(app).get("/me").set("Authorization", "").expect(403);
});
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_for_a_comparison_of_a_received_status() {
    let src = r#"
const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
if (res.status === 403 && !token) refresh();
"#;
    assert_eq!(run(src, TS, RULE), []);
}

#[test]
fn quiet_in_rust_when_the_code_matches() {
    let src = r#"
async fn me(headers: HeaderMap) -> Result<Json<User>, StatusCode> {
    let token = headers.get(AUTHORIZATION).ok_or(StatusCode::UNAUTHORIZED)?;
    let user = lookup(token).await.ok_or(StatusCode::UNAUTHORIZED)?;
    if !user.roles.contains(&Role::Reader) {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(Json(user))
}
"#;
    assert_eq!(run(src, RUST, RULE), []);
}

#[test]
fn quiet_outside_any_guard() {
    let src = r#"
app.get("/forbidden", (req, res) => res.status(403).send("never"));
const token = req.headers.authorization;
res.status(401).end();
"#;
    assert_eq!(run(src, JS, RULE), []);
}

/// Seen in real code: body-parser's `verify` hook is not a credential check, and tower-http's
/// `authorized` flag (from the Authorization header) is not a permission.
#[test]
fn quiet_for_a_body_verify_hook_and_an_ambiguous_flag() {
    let src = r#"
if (verify) {
  try {
    verify(req, res, body, encoding)
  } catch (err) {
    next(createError(403, err, { body, type: "entity.verify.failed" }))
    return
  }
}
"#;
    assert_eq!(run(src, JS, RULE), []);
    let src = r#"
fn authorize(&mut self, request: Request<B>) -> Self::Future {
    Box::pin(async move {
        let authorized = request.headers().get(header::AUTHORIZATION) == Some("69420");
        if authorized {
            Ok(request)
        } else {
            Err(Response::builder().status(StatusCode::UNAUTHORIZED).body(Body::empty()).unwrap())
        }
    })
}
"#;
    assert_eq!(run(src, RUST, RULE), []);
}

#[test]
fn nest_guard_throwing_forbidden_without_a_token() {
    let src = r#"
import { Injectable, CanActivate, ExecutionContext, ForbiddenException } from "@nestjs/common";
@Injectable()
export class JwtGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    const token = request.headers.authorization?.split(" ")[1];
    if (!token) {
      throw new ForbiddenException("missing token");
    }
    request.user = this.jwt.verify(token);
    return true;
  }
}
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(
        f.range,
        locate(
            src,
            "new ForbiddenException(\"missing token\")",
            "new ForbiddenException(\"missing token\")"
        )
    );
    let fixed = apply(src, preferred(&f));
    assert!(
        fixed.contains("throw new UnauthorizedException(\"missing token\")"),
        "{fixed}"
    );
    assert!(
        fixed.contains("ForbiddenException, UnauthorizedException } from \"@nestjs/common\""),
        "the new class is imported: {fixed}"
    );
}

#[test]
fn nest_roles_guard_throwing_unauthorized_for_a_missing_role() {
    let src = r#"
import { Injectable, CanActivate, ExecutionContext, UnauthorizedException, ForbiddenException } from "@nestjs/common";
@Injectable()
export class RolesGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { user } = context.switchToHttp().getRequest();
    if (!user.roles.includes("admin")) {
      throw new UnauthorizedException("admins only");
    }
    return true;
  }
}
"#;
    let f = single(run(src, TS, RULE));
    let fixed = apply(src, preferred(&f));
    assert!(
        fixed.contains("throw new ForbiddenException(\"admins only\")"),
        "{fixed}"
    );
    // Already imported: the import is left as it is.
    assert!(
        fixed.contains("UnauthorizedException, ForbiddenException } from"),
        "{fixed}"
    );
}

#[test]
fn nest_guards_that_throw_the_right_exception() {
    let src = r#"
import { Injectable, CanActivate, ExecutionContext, UnauthorizedException, ForbiddenException } from "@nestjs/common";
@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    if (!request.headers.authorization) throw new UnauthorizedException();
    if (!request.user?.permissions?.includes("cats:write")) throw new ForbiddenException();
    return true;
  }
}
"#;
    assert!(run(src, TS, RULE).is_empty(), "{:#?}", run(src, TS, RULE));
}
