# A small FastAPI handler for the editor tests: completion by phrase after `status_code=`.
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/health")
def health():
    return {"ok": True}
