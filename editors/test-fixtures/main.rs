// A small axum handler for the editor tests: completion by phrase after `StatusCode::`.
use axum::http::StatusCode;

pub async fn health() -> StatusCode {
    StatusCode::OK
}
