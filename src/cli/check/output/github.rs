//! `--format github`: workflow commands that GitHub Actions turns into annotations on the files
//! of a pull request. Errors and warnings keep their level; info and hints become notices.

use super::{LineIndex, Report, locate};
use crate::rules::Severity;
use std::io::{self, Write};

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in report.files {
        let index = LineIndex::new(&file.source);
        for located in locate(file, &index) {
            let finding = located.finding;
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&file.shown),
                located.start.line,
                located.start.column,
                located.end.line,
                located.end.column,
                property(&format!("statuslint({})", finding.rule)),
                data(&finding.message),
            )?;
        }
    }
    Ok(())
}

/// The escaping GitHub's runner undoes in a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escaping of a property value, which also may not contain `:` or `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_a_property_or_message() {
        assert_eq!(data("50% of\nrequests"), "50%25 of%0Arequests");
        assert_eq!(property("a,b:c.js"), "a%2Cb%3Ac.js");
    }
}
