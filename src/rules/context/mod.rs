//! What the anti-pattern rules need to know about a site beyond its code: whether it is sent from
//! an error path, with which body, from a handler of which method, and which constants the file
//! imports. Shared here so two rules never disagree on what an error path or a body is.

pub mod body;
pub mod constants;
mod default_status_go;
mod default_status_python;
pub mod error_path;
pub mod model;
pub mod queries;
pub mod role;
pub mod route;
pub mod tree;
