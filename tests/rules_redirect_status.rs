//! `redirect-status`: a redirect with a non-redirect status, or 301/302 from a handler of a
//! POST, PUT, PATCH or DELETE route.

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "redirect-status";

// ---- must fire ----

#[test]
fn express_redirect_with_200() {
    let src = r#"
app.get("/old", (req, res) => {
  res.redirect(200, "/new");
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "res.redirect(200", "200"));
    assert_eq!(
        f.message,
        "A redirect sent with 200 OK, which is not a redirect status: clients follow Location only with 301, 302, 303, 307 or 308"
    );
    assert_eq!(
        fix_titles(&f),
        [
            "Use 302 Found",
            "Use 307 Temporary Redirect",
            "Use 308 Permanent Redirect"
        ]
    );
    assert!(apply(src, preferred(&f)).contains(r#"res.redirect(302, "/new")"#));
}

#[test]
fn fetch_redirects_throw_on_other_statuses() {
    // `NextResponse` is Next.js's (frameworks/nextjs.toml), known where the file imports it.
    let src = r#"
import { NextResponse } from "next/server";
export async function GET(request: Request) {
  return NextResponse.redirect(new URL("/login", request.url), 304);
}
export default {
  fetch: () => Response.redirect("https://example.com/", 200),
};
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .message
            .contains("`NextResponse.redirect` throws a RangeError for any status but 301, 302, 303, 307 and 308"),
        "{}",
        found[0].message
    );
    // Next.js redirects with 307 by default.
    assert_eq!(preferred(&found[0]).title, "Use 307 Temporary Redirect");
    assert!(
        found[1]
            .message
            .contains("`Response.redirect` throws a RangeError")
    );
    assert_eq!(preferred(&found[1]).title, "Use 302 Found");
}

#[test]
fn express_post_with_302_prefers_303() {
    let src = r#"
app.post("/login", passport.authenticate("local"), (req, res) => {
  res.redirect(302, "/dashboard");
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "res.redirect(302", "302"));
    assert!(
        f.message.starts_with(
            "302 Found from a POST handler leaves the next request's method to the client"
        ),
        "{}",
        f.message
    );
    assert!(f.message.contains(
        "send 303 See Other to continue with a GET, or 307 Temporary Redirect to repeat the POST"
    ));
    assert_eq!(
        fix_titles(&f),
        ["Use 303 See Other", "Use 307 Temporary Redirect"]
    );
    assert!(apply(src, preferred(&f)).contains(r#"res.redirect(303, "/dashboard")"#));
}

#[test]
fn router_put_with_301_offers_308_and_named_handlers_count() {
    let src = r#"
router.put("/articles/:slug", async (req, res) => res.redirect(301, `/articles/${req.params.slug}`));

async function removeArticle(req, res) {
  await Article.delete(req.params.id);
  res.status(302).set("Location", "/articles").end();
}
router.delete("/articles/:id", requireAdmin, removeArticle);
"#;
    let found = run(src, JS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .message
            .starts_with("301 Moved Permanently from a PUT handler")
    );
    assert_eq!(
        fix_titles(&found[0]),
        ["Use 303 See Other", "Use 308 Permanent Redirect"]
    );
    assert!(
        found[1]
            .message
            .starts_with("302 Found from a DELETE handler")
    );
}

#[test]
fn next_nest_and_fastify_handlers() {
    let src = r#"
export async function POST(request: Request) {
  await save(await request.formData());
  return NextResponse.redirect(new URL("/thanks", request.url), 302);
}

@Controller("sessions")
export class SessionsController {
  @Post()
  @UseGuards(LocalAuthGuard)
  login(@Res() res: Response) {
    return res.redirect(301, "/home");
  }
}

fastify.route({
  method: "PATCH",
  url: "/settings",
  handler: async (request, reply) => reply.redirect("/settings", 302),
});
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].message.contains("from a POST handler"));
    assert!(
        found[1]
            .message
            .contains("301 Moved Permanently from a POST handler")
    );
    assert!(found[2].message.contains("from a PATCH handler"));
}

#[test]
fn axum_and_actix_post_handlers() {
    let src = r#"
fn routes() -> Router {
    Router::new().route("/login", get(form).post(login))
}
async fn login(Form(input): Form<Login>) -> impl IntoResponse {
    (StatusCode::FOUND, [(header::LOCATION, "/home")])
}
#[post("/logout")]
async fn logout() -> HttpResponse {
    HttpResponse::Found().append_header(("Location", "/")).finish()
}
"#;
    let found = run(src, RUST, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, "StatusCode::FOUND", "StatusCode::FOUND")
    );
    assert!(
        apply(src, preferred(&found[0])).contains("(StatusCode::SEE_OTHER, [(header::LOCATION")
    );
    assert!(
        apply(src, fix_titled(&found[1], "Use 307 Temporary Redirect"))
            .contains("HttpResponse::TemporaryRedirect()")
    );
}

// ---- must not fire ----

#[test]
fn get_handlers_may_use_301_and_302() {
    let src = r#"
app.get("/old", (req, res) => res.redirect(301, "/new"));
app.get("/tmp", (req, res) => res.redirect(302, "/elsewhere"));
export async function GET() {
  return NextResponse.redirect("https://example.com", 302);
}
"#;
    assert!(run(src, TS, RULE).is_empty());
}

#[test]
fn method_preserving_and_see_other_redirects() {
    let src = r#"
app.post("/a", (req, res) => res.redirect(303, "/done"));
app.post("/b", (req, res) => res.redirect(307, "/retry"));
app.put("/c", (req, res) => res.redirect(308, "/moved"));
app.post("/d", (req, res) => res.redirect("/default"));
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn handlers_whose_method_is_unknown_or_mixed() {
    let src = r#"
function toLogin(req, res) {
  res.redirect(302, "/login");
}
app.get("/account", toLogin);
app.post("/account", toLogin);
function helper(res) {
  res.redirect(301, "/x");
}
axios.post("/api/login", body).then((r) => r.redirect(302, "/home"));
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn rust_comparisons_in_a_post_handler() {
    let src = r#"
#[post("/proxy")]
async fn proxy(client: web::Data<Client>) -> HttpResponse {
    let upstream = client.post(URL).send().await.unwrap();
    if upstream.status() == StatusCode::FOUND {
        return HttpResponse::BadGateway().finish();
    }
    match upstream.status() {
        StatusCode::MOVED_PERMANENTLY => HttpResponse::BadGateway().finish(),
        _ => HttpResponse::SeeOther().append_header(("Location", "/")).finish(),
    }
}
"#;
    assert!(
        run(src, RUST, RULE).is_empty(),
        "{:#?}",
        run(src, RUST, RULE)
    );
}

#[test]
fn codes_other_rules_report() {
    // 600 is invalid-code's, 399 unknown-code's: one finding per mistake.
    let src = r#"
app.get("/a", (req, res) => res.redirect(600, "/x"));
app.get("/b", (req, res) => res.redirect(399, "/y"));
"#;
    assert!(run(src, JS, RULE).is_empty());
    assert_eq!(run(src, JS, "invalid-code").len(), 1);
}
