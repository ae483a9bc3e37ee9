//! The statuses REST gives creating and deleting: a POST handler that makes a record and answers
//! 200 rather than 201 Created, and a DELETE handler that answers 200 with no body rather than
//! 204 No Content. Reads the route model (`crate::routes`: each route's method, handler and the
//! statuses it can send, set or by default), so it names no framework; what counts as "makes a
//! record" is the handler's own text before the status (an ORM's `create`/`insert`/`save` of a
//! new object, an SQL `INSERT`).
//!
//! Off by default: many APIs answer 200 everywhere on purpose, and a client that checks for
//! exactly 200 breaks when a create starts answering 201 (see `docs/rules/crud-status.md`).

use super::context::body::{Responses, default_status};
use super::context::tree::{ancestors, site_node, text};
use super::fix::replace_code;
use super::{Context, Edit, Finding, Fix, Rule, Severity};
use crate::routes::{How, Route, Status};
use crate::syntax::Family;
use crate::syntax::Site;
use std::ops::Range;
use tree_sitter::Node;

pub struct CrudStatus;

impl Rule for CrudStatus {
    fn name(&self) -> &'static str {
        "crud-status"
    }
    fn default_severity(&self) -> Option<Severity> {
        None
    }
    fn summary(&self) -> &'static str {
        "A POST that creates and answers 200 (201 Created), a DELETE that answers 200 with no body (204)"
    }
    fn severity_when_on(&self) -> Severity {
        Severity::Info
    }
    fn reads_routes_without_sites(
        &self,
        language: crate::syntax::Language,
        source: Option<&str>,
    ) -> bool {
        // A Rust or Python handler that returns a body alone (`Json(todo)`, `Ok(())`, a FastAPI
        // path operation's `return item`) holds no site.
        let family = language.family();
        matches!(family, Family::Rust | Family::Python)
            && source.is_none_or(|source| {
                returns_alone(source, family)
                    && (source.contains("post(") || source.contains("#[post"))
                    && CREATION_WORDS.iter().any(|w| source.contains(w))
                    || (source.contains("delete(") || source.contains("#[delete"))
                        && (source.contains("Ok(())") || source.contains("return None"))
            })
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(severity) = cx.config.severity(self.name(), self.default_severity()) else {
            return;
        };
        // The route model runs its queries over the whole file: only when a route could be one.
        if !["ost", "OST", "elete", "ELETE"]
            .iter()
            .any(|w| cx.source.contains(w))
        {
            return;
        }
        let routes = crate::routes::find(cx);
        if routes.is_empty() {
            return;
        }
        let responses = std::cell::OnceCell::new();
        let defaults = std::cell::OnceCell::new();
        for route in &routes {
            let Some(handler) = route.handler.clone() else {
                continue;
            };
            // Another success status anywhere in the route means 200 was a choice among them.
            let successes = || {
                route
                    .statuses
                    .iter()
                    .filter(|s| (200..300).contains(&s.code))
            };
            if successes().any(|s| s.code != 200) {
                continue;
            }
            let oks = successes().filter(|s| {
                matches!(s.how, How::Set | How::Default)
                    && cx.in_scope(s.range.start)
                    && !in_catch(cx, s.range.start)
            });
            match route.method {
                "POST" if !is_action(&route.path) => {
                    for status in oks {
                        // A helper's status (followed from the handler) comes after all of it.
                        // A returned value may make the record itself
                        // (`return crud.create_item(..)`).
                        let end = if handler.contains(&status.range.start) {
                            if status.how == How::Default {
                                status.range.end
                            } else {
                                status.range.start
                            }
                        } else {
                            handler.end
                        };
                        // Not the handler's own name (`def create_item(`): its body's calls.
                        let start = body_start(cx, &handler).min(end);
                        let Some(made) = cx.source.get(start..end).and_then(creation) else {
                            continue;
                        };
                        let defaults = defaults.get_or_init(|| default_status(cx));
                        if let Some(finding) =
                            created(cx, route, status, &made, &handler, defaults, severity)
                        {
                            out.push(finding);
                        }
                    }
                }
                "DELETE" => {
                    for status in oks {
                        let responses = responses.get_or_init(|| Responses::find(cx));
                        if let Some(finding) = deleted(cx, route, status, responses, severity) {
                            out.push(finding);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn route_name(route: &Route) -> String {
    if route.path.is_empty() {
        format!("This {} handler", route.method)
    } else {
        format!("`{} {}`", route.method, route.path)
    }
}

/// The finding on a POST that creates and answers 200.
fn created(
    cx: &Context,
    route: &Route,
    status: &Status,
    made: &str,
    handler: &Range<usize>,
    defaults: &[super::context::body::DefaultStatus],
    severity: Severity,
) -> Option<Finding> {
    let how = if status.how == How::Default {
        "answers with the default 200 OK"
    } else {
        "answers 200 OK"
    };
    let message = format!(
        "{} creates a record (`{made}`) and {how}: 201 Created tells the client a resource was made, and a `Location` header can say where",
        route_name(route),
    );
    let fix = match status.how {
        How::Set => site_at(cx, status).and_then(|site| replace_code(site, 201, true)),
        _ if cx.language.is_rust() => rust_created(cx, status, handler),
        _ if cx.language.family() == Family::Python => returned_with(cx, route, status, 201),
        _ => defaults
            .iter()
            .find(|d| d.callee.byte_range() == status.range)
            .and_then(|d| {
                Some(Fix {
                    title: "Send 201 Created".to_string(),
                    edits: vec![d.edit(201)?],
                    preferred: true,
                    elsewhere: Vec::new(),
                })
            }),
    };
    Some(Finding {
        rule: "crud-status",
        severity,
        range: status.range.clone(),
        message,
        code: 200,
        fixes: fix.into_iter().collect(),
    })
}

/// The finding on a DELETE that answers 200 with nothing in the body.
fn deleted(
    cx: &Context,
    route: &Route,
    status: &Status,
    responses: &Responses,
    severity: Severity,
) -> Option<Finding> {
    let (fix, what) = match status.how {
        How::Set => {
            let site = site_at(cx, status)?;
            let node = site_node(cx, site)?;
            if !bodiless(cx, node, responses) {
                return None;
            }
            (replace_code(site, 204, true), "answers 200 OK with no body")
        }
        // `Ok(())` from a Rust handler: the unit body is empty. No fix: the handler's return type
        // says `()`, and a status needs another one.
        How::Default if cx.language.is_rust() => {
            let returned = text_at(cx, &status.range);
            if !matches!(returned, "()" | "Ok(())") {
                return None;
            }
            (None, "returns an empty 200 OK")
        }
        // `return None` from a FastAPI or Flask view: `null` or an empty body with 200.
        How::Default if cx.language.family() == Family::Python => {
            if returned_value(text_at(cx, &status.range)) != "None" {
                return None;
            }
            (
                returned_with(cx, route, status, 204),
                "returns nothing with 200 OK",
            )
        }
        _ => return None,
    };
    Some(Finding {
        rule: "crud-status",
        severity,
        range: status.range.clone(),
        message: format!(
            "{} {what}: 204 No Content says the deletion succeeded without promising a body",
            route_name(route),
        ),
        code: 200,
        fixes: fix.into_iter().collect(),
    })
}

/// The fix that gives a handler's returned value `code`, the way its framework's model says a
/// handler names a status (`[returns]`): the route decorator's keyword
/// (`@app.post("/items", status_code=201)`) or a returned tuple (`return item, 201`).
fn returned_with(cx: &Context, route: &Route, status: &Status, code: u16) -> Option<Fix> {
    let returns = cx.frameworks().iter().find_map(|f| f.returns.as_ref())?;
    let phrase = &crate::catalog::catalog()
        .get(u32::from(code))?
        .primary()
        .phrase;
    let edit = if let Some(keyword) = &returns.decorator_keyword {
        let node = cx
            .tree
            .root_node()
            .descendant_for_byte_range(route.at.start, route.at.start)?;
        let decorator = std::iter::once(node)
            .chain(ancestors(cx.tree, node))
            .find(|n| n.kind() == "decorator")?;
        let mut cursor = decorator.walk();
        let call = decorator
            .named_children(&mut cursor)
            .find(|c| c.kind() == "call")?;
        let arguments = call.child_by_field_name("arguments")?;
        let close = arguments.end_byte().checked_sub(1)?;
        let separator = if arguments.named_child_count() == 0 {
            ""
        } else {
            ", "
        };
        Edit {
            range: close..close,
            replacement: format!("{separator}{keyword}={code}"),
        }
    } else if returns.tuple {
        let whole = text_at(cx, &status.range);
        let returned = returned_value(whole);
        let body = if code == 204 { "\"\"" } else { returned };
        let keyword = &whole[..whole.len() - returned.len()];
        Edit {
            range: status.range.clone(),
            replacement: format!("{keyword}{body}, {code}"),
        }
    } else {
        return None;
    };
    Some(Fix {
        title: format!("Send {code} {phrase}"),
        edits: vec![edit],
        preferred: true,
        elsewhere: Vec::new(),
    })
}

/// Where the body of the handler function at `handler` starts (its start when it has no `body`).
fn body_start(cx: &Context, handler: &Range<usize>) -> usize {
    cx.tree
        .root_node()
        .descendant_for_byte_range(handler.start, handler.end)
        .and_then(|n| n.child_by_field_name("body"))
        .map_or(handler.start, |b| b.start_byte())
}

/// What a `return` statement returns: `item` of `return item`.
fn returned_value(statement: &str) -> &str {
    statement
        .strip_prefix("return")
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .map_or(statement, str::trim_start)
}

fn text_at<'s>(cx: &Context<'s>, range: &Range<usize>) -> &'s str {
    cx.source.get(range.clone()).unwrap_or("").trim()
}

fn site_at<'c>(cx: &'c Context, status: &Status) -> Option<&'c Site> {
    cx.sites
        .iter()
        .find(|s| s.range == status.range && s.code == status.code)
}

/// Whether the response whose status `node` is carries no body: its body is empty
/// (`new Response(null, { status: 200 })`), or the call that sends it ends the response without
/// one (`res.status(200).end()`, `res.sendStatus(200)`, `reply.code(200).send()`,
/// `HttpResponse::Ok().finish()`, a bare `StatusCode::OK`).
fn bodiless(cx: &Context, node: Node, responses: &Responses) -> bool {
    if let Some(response) = responses.of_status(node) {
        return response.is_empty(cx.source);
    }
    // The whole expression the status is part of.
    let mut outer = node;
    for parent in ancestors(cx.tree, node) {
        if !matches!(
            parent.kind(),
            "call_expression"
                | "member_expression"
                | "field_expression"
                | "arguments"
                | "await_expression"
                | "try_expression"
                | "parenthesized_expression"
                | "scoped_identifier"
        ) {
            break;
        }
        outer = parent;
    }
    let whole: String = text(outer, cx.source)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let whole = whole
        .strip_prefix("Ok(")
        .and_then(|w| w.strip_suffix(')'))
        .unwrap_or(&whole);
    if cx.language.is_rust() {
        let site: String = text(node, cx.source)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // `HttpResponse::Ok()` is the site's call; `StatusCode::OK` the site itself.
        let rest = whole
            .strip_prefix(&site)
            .map(|r| r.strip_prefix("()").unwrap_or(r));
        return matches!(rest, Some("" | ".finish()" | ".into_response()"));
    }
    whole.ends_with(".end()")
        || whole.ends_with(".send()")
        || whole.contains(".sendStatus(")
        || whole.ends_with(".json()")
}

/// Whether `at` is inside a `catch` block: a 200 there is ok-on-error's, not a CRUD question.
fn in_catch(cx: &Context, at: usize) -> bool {
    cx.tree
        .root_node()
        .descendant_for_byte_range(at, at)
        .is_some_and(|node| ancestors(cx.tree, node).any(|a| a.kind() == "catch_clause"))
}

/// Whether `source` names a Rust framework whose model says a body returned alone goes out with
/// a status of its own (`[returns]` in `frameworks/*.toml`): only there can a route with no site
/// answer 200.
fn returns_alone(source: &str, family: Family) -> bool {
    use crate::frameworks::{bundled, imported_modules};
    let imported = imported_modules(source, family);
    bundled().iter().any(|f| {
        f.returns.is_some()
            && f.language == family
            && !f.modules.is_empty()
            && f.used_by(&imported, &[])
    })
}

/// Words one of the calls [`creation`] reads has.
const CREATION_WORDS: &[&str] = &["create", "insert", "INSERT", "save("];

/// The call in a handler's text that makes a record, as written up to its parenthesis
/// (`User.create(`, `db.insert(`, `INSERT INTO`), or None.
fn creation(handler: &str) -> Option<String> {
    const CALLS: &[&str] = &[
        ".create(",
        ".createOne(",
        ".insert(",
        ".insertOne(",
        ".insertMany(",
        ".insert_one(",
        ".save(",
        "insert_into(",
        "::insert(",
        "::create(",
        // Go: GORM's `db.Create(&user)`, the MongoDB driver's `coll.InsertOne(ctx, doc)`.
        ".Create(",
        ".Insert(",
        ".InsertOne(",
        ".InsertMany(",
    ];
    let lower = handler.to_ascii_lowercase();
    if let Some(at) = lower.find("insert into") {
        return Some(handler[at..at + "insert into".len()].to_string());
    }
    for call in CALLS {
        for (at, _) in handler.match_indices(call) {
            let receiver = receiver_before(&handler[..at]);
            if is_creating(call, receiver, handler) {
                return Some(format!("{receiver}{call}"));
            }
        }
    }
    named_creation(handler)
}

/// A call of the project's own function named for making a record: `createUser(`,
/// `insertOrder(`, `create_user(` (not `createError(`, `createHash(`, `createServer(`, which make
/// values, not records).
fn named_creation(handler: &str) -> Option<String> {
    const NOT_RECORDS: &[&str] = &[
        "Error",
        "HttpError",
        "Hash",
        "Hmac",
        "Server",
        "ReadStream",
        "WriteStream",
        "Element",
        "Context",
        "Router",
        "App",
        "Client",
        "Connection",
        "Pool",
        "Logger",
        "Transport",
        "Cipher",
        "Cipheriv",
        "Decipheriv",
        "Sign",
        "Verify",
        "Interface",
        "Require",
        "Slice",
        "Selector",
        "Store",
        "Ref",
        "Signal",
        "Effect",
        "Memo",
        "Root",
        "Portal",
        "Response",
        "Request",
        "Headers",
        "Url",
        "URL",
        "Object",
        "Buffer",
        "Proxy",
        "Table",
        "Schema",
        "Index",
    ];
    for prefix in ["create", "insert", "create_", "insert_"] {
        let snake = prefix.ends_with('_');
        for (at, _) in handler.match_indices(prefix) {
            let before = handler[..at].chars().next_back();
            // A snake_case function of a module or repository counts (`crud.create_item(`,
            // Python's style); a camelCase method (`document.createElement(`) does not.
            if before.is_some_and(|c| {
                c.is_alphanumeric() || c == '_' || c == ':' || (c == '.' && !snake)
            }) {
                continue;
            }
            let rest = &handler[at + prefix.len()..];
            let name_len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let (name, after) = rest.split_at(name_len);
            let starts_right = name.chars().next().is_some_and(|c| {
                if snake {
                    c.is_ascii_lowercase()
                } else {
                    c.is_ascii_uppercase()
                }
            });
            if !starts_right || !after.starts_with('(') {
                continue;
            }
            // The name's first word, as a class would start (`create_user` -> `User`).
            let first = name.split('_').next().unwrap_or(name);
            let head = if snake {
                first[..1].to_ascii_uppercase() + &first[1..]
            } else {
                first.to_string()
            };
            if NOT_RECORDS.iter().any(|n| head.starts_with(n)) {
                continue;
            }
            return Some(format!("{prefix}{name}("));
        }
    }
    None
}

/// The expression before a `.method(`: back to the space, `=`, `(` or `,` that starts it.
fn receiver_before(before: &str) -> &str {
    let mut depth = 0i32;
    let mut start = before.len();
    for (i, c) in before.char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_alphanumeric() || matches!(c, '_' | '.' | '$' | ':' | '?' | '!') => {}
            _ => break,
        }
        start = i;
    }
    &before[start..]
}

/// Whether `receiver.call` makes a record: not a prototype (`Object.create`), an HTTP client
/// (`axios.create`), a map of headers or a session being stored; `.save()` only of an object
/// the handler made with `new`.
fn is_creating(call: &str, receiver: &str, handler: &str) -> bool {
    let last = receiver.rsplit(['.', ':']).next().unwrap_or(receiver);
    let lower = receiver.to_ascii_lowercase();
    if receiver.is_empty()
        || matches!(last, "Object" | "axios" | "Reflect" | "Promise" | "crypto")
        || [
            "header",
            "extension",
            "cookie",
            "session",
            "cache",
            "param",
            "query",
        ]
        .iter()
        .any(|w| lower.contains(w))
    {
        return false;
    }
    if call == ".save(" {
        // `const user = new User(req.body); await user.save()`.
        let name = receiver.trim_start_matches("await ");
        return ["const ", "let ", "var "].iter().any(|decl| {
            handler.contains(&format!("{decl}{name} = new ")) || {
                // TypeScript: `const user: User = new User(..)`.
                handler
                    .match_indices(&format!("{decl}{name}:"))
                    .any(|(at, _)| {
                        handler[at..]
                            .split_once('=')
                            .is_some_and(|(_, rest)| rest.trim_start().starts_with("new "))
                    })
            }
        });
    }
    true
}

/// Routes named for an action rather than a collection (`POST /login`, `POST /search`): they
/// answer 200 whatever they store on the way.
fn is_action(path: &str) -> bool {
    const ACTIONS: &[&str] = &[
        "login",
        "logout",
        "signin",
        "signout",
        "sign-in",
        "sign-out",
        "auth",
        "authenticate",
        "token",
        "refresh",
        "search",
        "query",
        "find",
        "filter",
        "verify",
        "validate",
        "check",
        "preview",
        "graphql",
        "webhook",
        "webhooks",
        "callback",
        "rpc",
        "upsert",
        "sync",
        "import",
        "export",
        "count",
        "send",
        "notify",
        "reset",
    ];
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .find(|segment| !segment.starts_with(':') && !segment.starts_with('{'))
        .unwrap_or("");
    let last = last.to_ascii_lowercase();
    ACTIONS.contains(&last.as_str())
}

/// The fix for a Rust handler that returns a body alone: pair it with 201, where the handler's
/// return type takes any response (`impl IntoResponse`) and the file names `StatusCode`.
fn rust_created(cx: &Context, status: &Status, handler: &Range<usize>) -> Option<Fix> {
    let function = cx
        .tree
        .root_node()
        .descendant_for_byte_range(handler.start, handler.end)?;
    let returns = function
        .child_by_field_name("return_type")
        .map(|r| text(r, cx.source))?;
    let returned = text_at(cx, &status.range);
    let constant = if cx.source.contains("StatusCode") {
        "StatusCode::CREATED"
    } else {
        return None;
    };
    let replacement = match returned
        .strip_prefix("Ok(")
        .and_then(|r| r.strip_suffix(')'))
    {
        Some(inner) if returns.contains("Result<impl IntoResponse") => {
            format!("Ok(({constant}, {inner}))")
        }
        Some(_) => return None,
        None if returns.contains("impl IntoResponse") => format!("({constant}, {returned})"),
        None => return None,
    };
    Some(Fix {
        title: "Send 201 Created".to_string(),
        edits: vec![Edit {
            range: status.range.clone(),
            replacement,
        }],
        preferred: true,
        elsewhere: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_creation_is_a_call_that_makes_a_record() {
        assert_eq!(
            creation("const user = await User.create(req.body);").as_deref(),
            Some("User.create(")
        );
        assert_eq!(
            creation("await db.collection('users').insertOne(doc)").as_deref(),
            Some("db.collection('users').insertOne(")
        );
        assert_eq!(
            creation("sqlx::query(\"INSERT INTO users (name) VALUES ($1)\")").as_deref(),
            Some("INSERT INTO")
        );
        assert_eq!(
            creation("const u = new User(body); await u.save();").as_deref(),
            Some("u.save(")
        );
        assert_eq!(creation("const o = Object.create(null);"), None);
        assert_eq!(creation("headers.insert(CONTENT_TYPE, v);"), None);
        assert_eq!(creation("req.session.save(cb);"), None);
        assert_eq!(
            creation("const user = await createUser(req.body);").as_deref(),
            Some("createUser(")
        );
        assert_eq!(
            creation("let id = create_user(&pool, input).await?;").as_deref(),
            Some("create_user(")
        );
        assert_eq!(creation("next(createError(404));"), None);
        assert_eq!(creation("const h = crypto.createHash('sha1');"), None);
        assert_eq!(creation("const h = createHash('sha1');"), None);
        // An existing record saved again is an update.
        assert_eq!(
            creation("const u = await User.findById(id); await u.save();"),
            None
        );
    }

    #[test]
    fn actions_are_not_collections() {
        assert!(is_action("/auth/login"));
        assert!(is_action("/users/search/"));
        assert!(!is_action("/users"));
        assert!(!is_action("/users/:id/comments"));
    }
}
