//! Cuts the bytes a client writes into `Content-Length` frames, and keeps cutting after a frame
//! that is wrong. tokio-util's codec, which tower-lsp-server reads stdin through, ends the stream
//! at the first frame it cannot decode; a language server cannot afford that, since one stray
//! byte from a client bug or a proxy would end the editing session.
//!
//! Recovery rests on one fact: a header line, `Content-Length: 123` followed by a raw line break,
//! can never stand inside a JSON body (a raw line break is not allowed in a JSON string, and the
//! words are not JSON outside one). So wherever such a line appears where a body was expected,
//! the body before it is cut short there, and the next frame starts at it.

/// What the next bytes of the input are.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A body, framed as the client said.
    Message(Vec<u8>),
    /// Bytes that do not make a frame: why, and the bytes dropped (a body whose frame was wrong
    /// may still say which request it was).
    Bad { reason: String, dropped: Vec<u8> },
}

/// Headers longer than this are not headers.
const MAX_HEADER_BYTES: usize = 8 * 1024;
/// A body longer than this is refused before it is read: documents are capped at 32 MiB, and
/// escaping can at most make that six times longer in JSON.
const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;
const HEADER_NAME: &[u8] = b"content-length";

#[derive(Default)]
pub struct Framer {
    buffer: Vec<u8>,
    /// Where the frame being read has its body, and how long the client said it is.
    body: Option<(usize, usize)>,
    /// How far into the body the search for a header line has got, so each byte is read once.
    scanned: usize,
}

impl Framer {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next frame, or None when more input is needed. At the end of the input (`eof`),
    /// whatever is left is reported as one bad frame, then None.
    pub fn next(&mut self, eof: bool) -> Option<Frame> {
        loop {
            if let Some((start, length)) = self.body {
                return self.read_body(start, length, eof);
            }
            let blank = self
                .buffer
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            self.buffer.drain(..blank);
            if self.buffer.is_empty() {
                return None;
            }
            if let Some(junk) = self.junk_before_header(eof) {
                return junk;
            }
            let Some((header_end, body_start)) = header_end(&self.buffer) else {
                if self.buffer.len() > MAX_HEADER_BYTES {
                    return Some(self.drop_to(self.buffer.len(), "a header with no end"));
                }
                if eof {
                    return Some(
                        self.drop_to(self.buffer.len(), "a header cut off by the end of input"),
                    );
                }
                return None;
            };
            match content_length(&self.buffer[..header_end]) {
                Ok(length) if length <= MAX_BODY_BYTES => {
                    self.body = Some((body_start, length));
                    self.scanned = body_start;
                }
                Ok(length) => {
                    return Some(self.drop_to(
                        body_start,
                        &format!("a Content-Length of {length} bytes, over the limit"),
                    ));
                }
                Err(reason) => return Some(self.drop_to(body_start, &reason)),
            }
        }
    }

    /// When the input does not start with a header, the bytes up to the next `Content-Length`
    /// (or all of them, if none is in sight) are dropped as one bad frame.
    fn junk_before_header(&mut self, eof: bool) -> Option<Option<Frame>> {
        if starts_with_header_line(&self.buffer) {
            return None;
        }
        if let Some(at) = find_header_name(&self.buffer, 1) {
            return Some(Some(self.drop_to(at, "bytes that are not a message")));
        }
        // No header in sight. At the end of the input, or past any sane size, it all goes.
        // Otherwise it waits for the next header (which is how a frame with no Content-Length
        // is dropped in one piece, its request id still readable), unless it is already a whole
        // JSON value: then it goes now, so that request is answered at once.
        if eof || self.buffer.len() > MAX_BODY_BYTES || is_whole_json(&self.buffer) {
            let end = self.buffer.len();
            return Some(Some(self.drop_to(end, "bytes that are not a message")));
        }
        Some(None)
    }

    fn read_body(&mut self, start: usize, length: usize, eof: bool) -> Option<Frame> {
        let end = start.saturating_add(length);
        let available = self.buffer.len().min(end);
        // A header line inside the declared body means the length ran over into the next
        // message: the body ends where that message begins.
        let from = self
            .scanned
            .saturating_sub(HEADER_NAME.len() + 32)
            .max(start);
        if let Some(at) = find_header_line(&self.buffer[..available], from) {
            self.body = None;
            let mut frame = self.buffer.drain(..at).collect::<Vec<u8>>();
            let body = frame.split_off(start);
            return Some(Frame::Bad {
                reason: format!(
                    "a Content-Length of {length} that runs into the next message after {} bytes",
                    body.len()
                ),
                dropped: body,
            });
        }
        self.scanned = available;
        if self.buffer.len() < end {
            if eof {
                self.body = None;
                let got = self.buffer.len() - start;
                let body = self.buffer.split_off(start);
                self.buffer.clear();
                return Some(Frame::Bad {
                    reason: format!("a body cut off by the end of input ({got} of {length} bytes)"),
                    dropped: body,
                });
            }
            return None;
        }
        self.body = None;
        let body = self.buffer[start..end].to_vec();
        self.buffer.drain(..end);
        Some(Frame::Message(body))
    }

    fn drop_to(&mut self, end: usize, reason: &str) -> Frame {
        Frame::Bad {
            reason: reason.to_string(),
            dropped: self.buffer.drain(..end).collect(),
        }
    }
}

/// Where the header block ends (before its blank line) and the body starts. Clients write CRLF;
/// a bare LF is taken too.
fn header_end(buffer: &[u8]) -> Option<(usize, usize)> {
    let limit = buffer.len().min(MAX_HEADER_BYTES + 4);
    let mut i = 0;
    while i < limit {
        if buffer[i] == b'\n' {
            let rest = &buffer[i + 1..];
            if rest.starts_with(b"\r\n") {
                return Some((i, i + 3));
            }
            if rest.starts_with(b"\n") {
                return Some((i, i + 2));
            }
        }
        i += 1;
    }
    None
}

/// The Content-Length of a header block; other headers (Content-Type, or any a proxy adds) are
/// passed over.
fn content_length(block: &[u8]) -> Result<usize, String> {
    let text = String::from_utf8_lossy(block);
    let mut found = None;
    for line in text.split('\n').map(|l| l.trim_end_matches('\r')) {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("a header line that is not `Name: value`: {line:?}"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            match value.parse::<usize>() {
                Ok(length) if found.is_none_or(|f| f == length) => found = Some(length),
                Ok(_) => return Err("two different Content-Length headers".to_string()),
                Err(_) => return Err(format!("a Content-Length that is not a number: {value:?}")),
            }
        }
    }
    found.ok_or_else(|| "a header with no Content-Length".to_string())
}

fn starts_with_header_line(buffer: &[u8]) -> bool {
    let name = buffer
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    name > 0 && (buffer.get(name) == Some(&b':') || name == buffer.len())
}

fn is_whole_json(bytes: &[u8]) -> bool {
    let trimmed = bytes.trim_ascii_end();
    matches!(trimmed.last(), Some(b'}' | b']'))
        && serde_json::from_slice::<serde::de::IgnoredAny>(trimmed).is_ok()
}

/// The first `Content-Length` (any case) at or after `from`.
fn find_header_name(buffer: &[u8], from: usize) -> Option<usize> {
    (from..buffer.len().saturating_sub(HEADER_NAME.len() - 1))
        .find(|&i| buffer[i..i + HEADER_NAME.len()].eq_ignore_ascii_case(HEADER_NAME))
}

/// The first whole header line (`Content-Length: digits` and a raw line break) at or after
/// `from`: something a JSON body cannot contain.
fn find_header_line(buffer: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = find_header_name(buffer, at) {
        let rest = &buffer[i + HEADER_NAME.len()..];
        let spaces = |s: &[u8]| s.iter().take_while(|b| **b == b' ' || **b == b'\t').count();
        let mut j = spaces(rest);
        if rest.get(j) == Some(&b':') {
            j += 1;
            j += spaces(&rest[j..]);
            let digits = rest[j..].iter().take_while(|b| b.is_ascii_digit()).count();
            let after = rest.get(j + digits);
            if digits > 0 && matches!(after, Some(b'\r' | b'\n')) {
                return Some(i);
            }
        }
        at = i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn all(input: &str) -> Vec<Frame> {
        let mut framer = Framer::default();
        framer.push(input.as_bytes());
        let mut out = Vec::new();
        while let Some(f) = framer.next(true) {
            out.push(f);
        }
        out
    }

    fn message(body: &str) -> Frame {
        Frame::Message(body.as_bytes().to_vec())
    }

    fn is_bad(frame: &Frame) -> bool {
        matches!(frame, Frame::Bad { .. })
    }

    #[test]
    fn well_formed_frames_come_out_whole_however_the_bytes_arrive() {
        let input = frame(r#"{"a":1}"#) + &frame(r#"{"b":"é"}"#);
        let mut framer = Framer::default();
        let mut out = Vec::new();
        for byte in input.as_bytes() {
            framer.push(&[*byte]);
            while let Some(f) = framer.next(false) {
                out.push(f);
            }
        }
        assert_eq!(out, vec![message(r#"{"a":1}"#), message(r#"{"b":"é"}"#)]);
    }

    #[test]
    fn extra_headers_any_case_and_bare_line_feeds_are_taken() {
        let input = "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nX-Proxy: 1\r\ncontent-length: 2\r\n\r\n{}CONTENT-LENGTH:2\n\n[]";
        assert_eq!(all(input), vec![message("{}"), message("[]")]);
    }

    #[test]
    fn a_missing_or_non_numeric_length_drops_that_frame_only() {
        let input = "Content-Type: x\r\n\r\n{\"id\":1}".to_string()
            + &frame("{}")
            + "Content-Length: nine\r\n\r\n{\"id\":2}"
            + &frame("[]");
        let frames = all(&input);
        assert_eq!(frames.len(), 6, "{frames:?}");
        assert!(is_bad(&frames[0]) && is_bad(&frames[1]));
        assert_eq!(frames[2], message("{}"));
        assert!(is_bad(&frames[3]) && is_bad(&frames[4]));
        assert_eq!(frames[5], message("[]"));
        // The body of a frame with no length is dropped as it stands, so its id can be read.
        assert_eq!(
            frames[4],
            Frame::Bad {
                reason: "bytes that are not a message".into(),
                dropped: b"{\"id\":2}".to_vec()
            }
        );
    }

    #[test]
    fn a_length_that_runs_into_the_next_message_is_cut_where_it_starts() {
        let input = "Content-Length: 200\r\n\r\n{\"id\":7}".to_string() + &frame("{}");
        let frames = all(&input);
        assert_eq!(frames.len(), 2, "{frames:?}");
        assert!(matches!(&frames[0], Frame::Bad { dropped, .. } if dropped == b"{\"id\":7}"));
        assert_eq!(frames[1], message("{}"));
    }

    #[test]
    fn an_overrun_is_seen_before_the_declared_length_arrives() {
        let mut framer = Framer::default();
        framer.push(b"Content-Length: 100000\r\n\r\n{}");
        assert_eq!(framer.next(false), None);
        framer.push(frame("[1]").as_bytes());
        assert!(framer.next(false).is_some_and(|f| is_bad(&f)));
        assert_eq!(framer.next(false), Some(message("[1]")));
    }

    #[test]
    fn the_header_words_inside_a_json_string_are_not_a_header() {
        let body = r#"{"text":"Content-Length: 12\r\n\r\nx"}"#;
        assert_eq!(all(&frame(body)), vec![message(body)]);
    }

    #[test]
    fn a_short_length_leaves_junk_that_is_skipped_up_to_the_next_header() {
        let input = "Content-Length: 3\r\n\r\n{\"a\":1}".to_string() + &frame("{}");
        let frames = all(&input);
        assert_eq!(frames[0], message("{\"a"));
        assert!(is_bad(&frames[1]));
        assert_eq!(frames[2], message("{}"));
        assert_eq!(frames.len(), 3);
    }

    #[test]
    fn a_body_cut_off_by_the_end_of_input_is_one_bad_frame() {
        let frames = all("Content-Length: 50\r\n\r\n{\"id\":3,");
        assert_eq!(frames.len(), 1);
        assert!(matches!(&frames[0], Frame::Bad { reason, .. } if reason.contains("end of input")));
    }

    #[test]
    fn stray_text_between_messages_is_dropped() {
        let input = frame("{}") + "garbage\r\n\r\n" + &frame("[]") + "tail";
        let frames = all(&input);
        assert_eq!(frames[0], message("{}"));
        assert!(is_bad(&frames[1]));
        assert_eq!(frames[2], message("[]"));
        assert!(is_bad(&frames[3]));
        assert_eq!(frames.len(), 4);
    }

    #[test]
    fn a_partial_header_waits_for_the_rest() {
        let mut framer = Framer::default();
        framer.push(b"Content-Len");
        assert_eq!(framer.next(false), None);
        framer.push(b"gth: 2\r\n\r\n{}");
        assert_eq!(framer.next(false), Some(message("{}")));
    }

    #[test]
    fn a_huge_length_is_refused_without_waiting_for_it() {
        let input = "Content-Length: 99999999999\r\n\r\n{}".to_string() + &frame("[]");
        let frames = all(&input);
        assert!(is_bad(&frames[0]));
        assert_eq!(frames.last(), Some(&message("[]")));
    }
}
