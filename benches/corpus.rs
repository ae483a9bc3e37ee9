//! Realistic generated sources for the benchmarks: Express handlers and axum handlers with status
//! codes set, compared and returned, repeated to any length.

pub fn javascript(lines: usize) -> String {
    let block = r#"app.get("/users/:id", async (req, res) => {
  try {
    const user = await db.users.find(req.params.id);
    if (!user) return res.status(404).json({ error: "not found" });
    const items = user.items.slice(0, 20);
    res.set("Cache-Control", "max-age=60");
    return res.status(200).json({ user, items });
  } catch (err) {
    logger.error(err);
    return res.status(500).json({ error: "internal" });
  }
});
app.post("/orders", async (req, res) => {
  const response = await fetch(upstream, { method: "POST", body: JSON.stringify(req.body) });
  if (response.status === 429) return res.status(503).set("Retry-After", "5").end();
  if (response.status >= 500) return res.sendStatus(502);
  const order = await response.json();
  res.statusCode = 201;
  res.setHeader("Location", `/orders/${order.id}`);
  return res.json(order);
});
"#;
    repeat(block, lines)
}

pub fn rust(lines: usize) -> String {
    let block = r#"async fn get_user(State(db): State<Db>, Path(id): Path<u64>) -> impl IntoResponse {
    match db.find_user(id).await {
        Ok(Some(user)) => (StatusCode::OK, Json(json!({ "user": user }))).into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, Json(json!({ "error": "not found" }))).into_response(),
        Err(err) => {
            tracing::error!(?err, "lookup failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
async fn proxy(client: reqwest::Client) -> Result<Response, AppError> {
    let upstream = client.get(UPSTREAM).send().await?;
    if upstream.status() == 429 {
        return Ok(Response::builder().status(503).header("Retry-After", "5").body(Body::empty())?);
    }
    let items: Vec<u32> = (0..20).collect();
    Ok(Response::builder().status(StatusCode::from_u16(200)?).body(Body::from(format!("{items:?}")))?)
}
"#;
    repeat(block, lines)
}

/// A library module: helpers with no status code in them, and one handler every `every` blocks,
/// the kind of file `check` parses only a part of.
/// A FastAPI module: a route every dozen lines, a `try`/`except` in each, as `javascript` is.
pub fn python(lines: usize) -> String {
    let block = r#"@app.get("/users/{user_id}")
def get_user(user_id: int, response: Response):
    try:
        user = db.users.find(user_id)
        if not user:
            raise HTTPException(status_code=404, detail="not found")
        items = user.items[:20]
        response.headers["Cache-Control"] = "max-age=60"
        return JSONResponse({"user": user, "items": items}, status_code=200)
    except Exception as err:
        logger.error(err)
        return JSONResponse({"error": "internal"}, status_code=500)
"#;
    let header = "from fastapi import FastAPI, HTTPException, Response\nfrom fastapi.responses import JSONResponse\n\napp = FastAPI()\n\n";
    format!("{header}{}", repeat_with(block, lines, "# filler\n"))
}

/// A gin and net/http file: a handler every dozen lines, an `if err != nil` in each.
pub fn go(lines: usize) -> String {
    let block = r#"func getUser(c *gin.Context) {
	user, err := db.FindUser(c.Param("id"))
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "internal"})
		return
	}
	if user == nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, gin.H{"user": user})
}
func proxy(w http.ResponseWriter, r *http.Request) {
	resp, err := client.Get(upstream)
	if err != nil || resp.StatusCode == 429 {
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}
"#;
    let header =
        "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\n";
    format!("{header}{}", repeat(block, lines))
}

pub fn library_javascript(lines: usize, every: usize) -> String {
    let helper = r#"function normalize(items, options) {
  const out = [];
  for (const item of items) {
    if (!item || item.hidden) { continue; }
    const name = `${item.first} ${item.last}`.trim();
    out.push({ id: item.id, name, tags: (item.tags || []).map((t) => t.toLowerCase()) });
  }
  return options.sorted ? out.sort((a, b) => a.name.localeCompare(b.name)) : out;
}
"#;
    let handler = r#"app.get("/items", (req, res) => { res.status(200).json(normalize(db.items, {})); });
"#;
    let mut block = helper.repeat(every);
    block.push_str(handler);
    repeat(&block, lines)
}

fn repeat(block: &str, lines: usize) -> String {
    repeat_with(block, lines, "// filler\n")
}

/// [`repeat`], filling with `filler` lines (Python's comments start with `#`).
fn repeat_with(block: &str, lines: usize, filler: &str) -> String {
    let per_block = block.lines().count();
    let mut out = String::with_capacity(block.len() * (lines / per_block + 1));
    while out.lines().count() + per_block <= lines {
        out.push_str(block);
    }
    while out.lines().count() < lines {
        out.push_str(filler);
    }
    out
}
