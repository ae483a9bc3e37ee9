//! `statuslint routes`: every route handler under the paths, with the statuses it can send, as a
//! table for people or JSON for scripts. Files are found as `check` finds them (the same walk,
//! `.gitignore`, `statuslint.toml` excludes and manifests) and parsed whole: a route's statuses
//! may be anywhere in its handler.

use super::check::paths;
use super::check::settings::{Overrides, Resolver};
use super::check::walk::{WalkOptions, Walked, walk};
use crate::routes::{How, Route};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and directories [default: .]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Also read hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// Read files .gitignore and node_modules would skip.
    #[arg(long)]
    pub no_ignore: bool,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    pub max_file_size: u64,
}

/// What `routes` prints and its exit code.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

#[derive(Serialize)]
struct FileRoute<'a> {
    method: &'a str,
    path: &'a str,
    file: &'a str,
    line: usize,
    statuses: Vec<StatusOutput>,
    unfollowed: &'a [String],
    /// What the route declares beside it (`200`, `4xx`, `default`), when it declares anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    declared: Option<Vec<String>>,
}

#[derive(Serialize)]
struct StatusOutput {
    code: u32,
    line: usize,
    how: How,
}

pub fn run(args: &Args) -> Outcome {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return failure(format!("cannot read the working directory: {e}")),
    };
    let resolver = match Resolver::new(&cwd, None, Overrides::default()) {
        Ok(resolver) => resolver,
        Err(message) => return failure(message),
    };
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    for root in &roots {
        if !paths::absolute(&cwd, root).exists() {
            return failure(format!("{}: no such file or directory", root.display()));
        }
    }
    let options = WalkOptions {
        hidden: args.hidden,
        no_ignore: args.no_ignore,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        excludes: None,
    };
    let found: Mutex<Vec<(String, Route)>> = Mutex::new(Vec::new());
    let problems: Mutex<Vec<String>> = Mutex::new(Vec::new());
    walk(&roots, &cwd, &options, &resolver, &|walked| match walked {
        Walked::File(file) => {
            let Ok(bytes) = std::fs::read(&file.path) else {
                problems
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(format!("{}: cannot be read", file.shown));
                return;
            };
            if bytes.len() as u64 > args.max_file_size
                || (!file.language.is_rust() && super::check::minified::minified(&bytes).is_some())
            {
                return;
            }
            let Ok(source) = std::str::from_utf8(&bytes) else {
                return;
            };
            if !crate::routes::may_register(source, file.language, Some(&file.path)) {
                return;
            }
            let Some(tree) = crate::syntax::parse(source, file.language, None) else {
                return;
            };
            let config = file.settings.config.for_path(&file.path);
            let routes =
                crate::analysis::routes(source, &tree, file.language, &config, Some(&file.path));
            found
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(routes.into_iter().map(|r| (file.shown.clone(), r)));
        }
        Walked::Unsupported(_) => {}
        Walked::Error(error) => problems
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(error),
    });
    if let Some(message) = resolver.failure() {
        return failure(message);
    }
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    found.sort_by(|a, b| (&a.0, a.1.line).cmp(&(&b.0, b.1.line)));
    let stderr: String = problems
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .map(|p| format!("warning: {p}\n"))
        .collect();
    let stdout = match args.format {
        Format::Json => json(&found),
        Format::Text => table(&found),
    };
    Outcome {
        stdout,
        stderr,
        code: 0,
    }
}

fn failure(message: String) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: format!("error: {message}\n"),
        code: 2,
    }
}

fn json(found: &[(String, Route)]) -> String {
    let rows: Vec<FileRoute> = found
        .iter()
        .map(|(file, route)| FileRoute {
            method: route.method,
            path: &route.path,
            file,
            line: route.line,
            statuses: route
                .statuses
                .iter()
                .map(|s| StatusOutput {
                    code: s.code,
                    line: s.line,
                    how: s.how,
                })
                .collect(),
            unfollowed: &route.unfollowed,
            declared: route.declared.as_ref().map(|d| {
                d.responses
                    .iter()
                    .map(|(response, _)| response.label())
                    .collect()
            }),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rows).expect("routes serialize");
    text.push('\n');
    text
}

/// The codes of a route, each once, in order: `200, 404, 500`.
pub fn codes(route: &Route) -> String {
    let mut codes: Vec<u32> = route.statuses.iter().map(|s| s.code).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(found: &[(String, Route)]) -> String {
    if found.is_empty() {
        return "no routes found\n".to_string();
    }
    let rows: Vec<[String; 4]> = found
        .iter()
        .map(|(file, route)| {
            [
                route.method.to_string(),
                if route.path.is_empty() {
                    "?".to_string()
                } else {
                    route.path.clone()
                },
                codes(route),
                format!("{file}:{}", route.line),
            ]
        })
        .collect();
    let headers = ["METHOD", "PATH", "STATUSES", "WHERE"];
    let widths: Vec<usize> = (0..3)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([headers[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: [&str; 4]| {
        format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {}\n",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        )
    };
    let mut out = line(headers);
    for (row, (_, route)) in rows.iter().zip(found) {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3]]));
        if !route.unfollowed.is_empty() {
            let names: Vec<String> = route
                .unfollowed
                .iter()
                .map(|n| {
                    if n == "?" {
                        "errors returned with `?`".to_string()
                    } else {
                        format!("`{n}`")
                    }
                })
                .collect();
            out.push_str(&format!(
                "{:w$}  and statuses from {}, not followed\n",
                "",
                names.join(", "),
                w = widths[0]
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::routes::may_register;
    use crate::syntax::Language::{JavaScript, Rust};

    #[test]
    fn files_without_a_registration_word_are_not_parsed() {
        assert!(may_register("app.get('/', h)", JavaScript, None));
        assert!(may_register(
            "export async function GET() {}",
            JavaScript,
            None
        ));
        assert!(may_register(
            "fastify.route({ method: 'GET' })",
            JavaScript,
            None
        ));
        assert!(!may_register("const x = map.size;", JavaScript, None));
        let api = std::path::Path::new("web/pages/api/users/[id].ts");
        assert!(may_register(
            "export default async function h(req, res) {}",
            JavaScript,
            Some(api)
        ));
        assert!(!may_register(
            "export default function Page() {}",
            JavaScript,
            Some(std::path::Path::new("web/pages/users.tsx"))
        ));
        assert!(may_register(
            "#[routes]\n#[get]\nasync fn index() {}",
            Rust,
            None
        ));
        assert!(may_register(".route(\"/x\", get(show))", Rust, None));
        assert!(!may_register("fn main() { println!(); }", Rust, None));
    }
}
