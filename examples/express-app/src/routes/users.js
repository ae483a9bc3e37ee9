const express = require("express");
const db = require("../db");
const billing = require("../billing");

const router = express.Router();

router.get("/:id", async (req, res) => {
  try {
    const user = await db.users.find(req.params.id);
    if (!user) {
      return res.status(404).json({ error: "user not found" });
    }
    res.json(user);
  } catch (err) {
    // The request failed, but monitoring and clients are told it succeeded.
    res.status(200).json({ error: err.message });
  }
});

router.get("/:id/invoices", async (req, res) => {
  let invoices;
  try {
    invoices = await billing.invoicesFor(req.params.id);
  } catch (err) {
    // 531 is what Edgio sends when *it* cannot reach the origin: on-call will debug the CDN.
    return res.status(531).json({ error: "billing is unavailable" });
  }
  res.json(invoices);
});

router.post("/", async (req, res) => {
  const existing = await db.users.findByEmail(req.body.email);
  if (existing) {
    // 299 is not a status code anyone defines.
    return res.status(299).json({ user: existing, created: false });
  }
  const user = await db.users.create(req.body);
  res.status(201).location(`/users/${user.id}`).json(user);
});

router.post("/:id/password-reset", async (req, res) => {
  if (await db.resets.recentlyRequested(req.params.id)) {
    // Twitter's old "Enhance Your Calm": generic clients do not know to back off.
    return res.status(420).json({ error: "slow down" });
  }
  await db.resets.request(req.params.id);
  res.sendStatus(202);
});

module.exports = router;
