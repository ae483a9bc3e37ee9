# A small FastAPI service, written the way real ones are: a few handlers right, a few wrong.
from fastapi import FastAPI, HTTPException, status
from fastapi.responses import JSONResponse

app = FastAPI()
UPSTREAM_DOWN = 531


@app.get("/items/{item_id}")
def read_item(item_id: int):
    item = db.get(item_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="no such item")
    return item


@app.get("/prices")
def prices():
    try:
        return pricing.fetch()
    except Exception as exc:
        # The failure goes out as a success.
        return JSONResponse({"error": str(exc)}, status_code=200)


@app.get("/stock")
def stock():
    try:
        return warehouse.levels()
    except TimeoutError:
        # 531 is Edgio's own "upstream connection error": clients will blame the CDN.
        return JSONResponse({"error": "warehouse down"}, status_code=UPSTREAM_DOWN)


@app.delete("/items/{item_id}")
def delete_item(item_id: int):
    db.delete(item_id)
    # 204 cannot carry a body.
    return JSONResponse({"deleted": item_id}, status_code=204)
