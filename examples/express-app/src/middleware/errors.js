// The application's error handler: every error thrown in a route ends up here.
function errorHandler(err, req, res, next) {
  if (res.headersSent) {
    return next(err);
  }
  if (err.type === "validation") {
    // The client sent something wrong, and is told all is well.
    return res.status(200).json({ success: false, errors: err.details });
  }
  if (err.expose) {
    return res.status(err.status || 400).json({ error: err.message });
  }
  console.error(err);
  // 600 is outside 100-599: Node throws RangeError [ERR_HTTP_INVALID_STATUS_CODE].
  res.statusCode = 600;
  res.end("internal error");
}

module.exports = { errorHandler };
