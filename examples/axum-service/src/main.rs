//! A small inventory service with the status-code mistakes statuslint catches.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;

struct Inventory;

#[derive(Debug)]
enum StoreError {
    NotFound,
    Upstream(String),
}

impl Inventory {
    async fn item(&self, _id: u64) -> Result<serde_json::Value, StoreError> {
        Err(StoreError::NotFound)
    }
    async fn remove(&self, _id: u64) -> Result<(), StoreError> {
        Ok(())
    }
    async fn sync(&self) -> Result<(), StoreError> {
        Err(StoreError::Upstream("warehouse API timed out".into()))
    }
}

async fn get_item(State(store): State<Arc<Inventory>>, Path(id): Path<u64>) -> Response {
    match store.item(id).await {
        Ok(item) => (StatusCode::OK, Json(item)).into_response(),
        Err(StoreError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        // An error answered with 200: caches store it, clients parse it as an item.
        Err(err) => (StatusCode::OK, Json(json!({ "error": format!("{err:?}") }))).into_response(),
    }
}

async fn delete_item(State(store): State<Arc<Inventory>>, Path(id): Path<u64>) -> Response {
    match store.remove(id).await {
        // 204 means "no content"; hyper drops this body.
        Ok(()) => (StatusCode::NO_CONTENT, Json(json!({ "deleted": id }))).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn sync(State(store): State<Arc<Inventory>>) -> Response {
    if let Err(StoreError::Upstream(reason)) = store.sync().await {
        // 531 is Edgio's own "upstream connection error": the wrong team gets paged.
        let status = StatusCode::from_u16(531).unwrap_or(StatusCode::BAD_GATEWAY);
        return (status, reason).into_response();
    }
    StatusCode::ACCEPTED.into_response()
}

async fn legacy_sync() -> Response {
    // 599 is an informal "network connect timeout" some proxies use, not a code to send.
    let status = StatusCode::from_u16(599).unwrap();
    (status, "try /sync").into_response()
}

#[tokio::main]
async fn main() {
    let store = Arc::new(Inventory);
    let app = Router::new()
        .route("/items/{id}", get(get_item).delete(delete_item))
        .route("/sync", get(sync).post(sync))
        .route("/legacy/sync", get(legacy_sync))
        .with_state(store);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
