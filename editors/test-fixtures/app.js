// A small Express app for the editor tests: one platform-reserved code (531, Edgio's
// "Origin DNS Error"), on a line with a non-ASCII string before it so that a client and the
// server disagreeing on position encoding shows up as a wrong column.
const express = require("express");

const app = express();

app.get("/health", (req, res) => res.status(200).send("ok"));
app.get("/café/🚀", (req, res) => res.status(531).send("origin is down"));
app.get("/slow", (req, res) => res.status(429).end());

module.exports = app;
