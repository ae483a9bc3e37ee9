const express = require("express");
const users = require("./routes/users");
const { errorHandler } = require("./middleware/errors");

const app = express();
app.use(express.json());

app.get("/health", (req, res) => {
  res.status(200).json({ ok: true });
});

// A body with 204: Node drops it silently and clients that read it get nothing.
app.post("/sessions/refresh", (req, res) => {
  req.session.touch();
  res.status(204).json({ refreshed: true });
});

app.delete("/sessions", (req, res) => {
  req.session.destroy();
  res.sendStatus(204);
});

app.use("/users", users);
app.use(errorHandler);

app.listen(process.env.PORT || 3000);
