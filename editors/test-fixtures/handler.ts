import express, { Request, Response } from "express";

const app = express();

app.get("/limited", (req: Request, res: Response) => {
  res.status(429).json({ error: "slow down" });
});
