"""The configuration examples in the Helix and Zed folders, checked against the real server.

Each example (including the commented-out lines of helix/languages.toml) is sent as
initializationOptions to `statuslint lsp`; the server must take it without the warning it logs
for options it cannot read, and must still publish diagnostics for the fixture.

    python3 editors/test-fixtures/check_snippets.py /path/to/statuslint
"""

import json
import pathlib
import signal
import subprocess
import sys
import tomllib

EDITORS = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = EDITORS / "test-fixtures" / "app.js"


def helix_configs():
    text = (EDITORS / "helix" / "languages.toml").read_text()
    as_written = tomllib.loads(text)["language-server"]["statuslint"]
    assert as_written["command"] == "statuslint" and as_written["args"] == ["lsp"], as_written
    yield "helix/languages.toml", as_written["config"]
    # The commented examples are what users uncomment: they must parse and be accepted too.
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and "=" in line and not line.startswith("# The") else line
        for line in text.splitlines()
    )
    config = tomllib.loads(uncommented)["language-server"]["statuslint"]["config"]
    assert {"rules", "platforms", "allow"} <= config.keys(), config
    yield "helix/languages.toml (examples uncommented)", config


def zed_configs():
    settings = json.loads((EDITORS / "zed" / "settings.json").read_text())
    yield "zed/settings.json", settings["lsp"]["statuslint"]["initialization_options"]


class Server:
    def __init__(self, binary):
        self.process = subprocess.Popen(
            [binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 0

    def send(self, method, params, request=False):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def close(self):
        self.process.kill()
        self.process.wait()


def timed_out(_signal, _frame):
    raise TimeoutError("no diagnostics from the server within 20 seconds")


def check(binary, name, config):
    server = Server(binary)
    signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(20)
    try:
        server.send(
            "initialize",
            {"processId": None, "rootUri": None, "capabilities": {}, "initializationOptions": config},
            request=True,
        )
        # Nothing may follow `initialize` until its answer arrives (the LSP rule real clients keep).
        while server.receive().get("id") != server.next_id:
            pass
        server.send("initialized", {})
        server.send(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": FIXTURE.as_uri(),
                    "languageId": "javascript",
                    "version": 1,
                    "text": FIXTURE.read_text(),
                }
            },
        )
        while True:
            message = server.receive()
            method = message.get("method")
            if method == "window/logMessage" and "initializationOptions" in message["params"]["message"]:
                return f"{name}: the server rejected {json.dumps(config)}: {message['params']['message']}"
            if method == "textDocument/publishDiagnostics":
                return None
    except (TimeoutError, RuntimeError, OSError) as error:
        return f"{name}: {error}"
    finally:
        signal.alarm(0)
        server.close()


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "statuslint"
    failures = 0
    passes = 0
    for name, config in [*helix_configs(), *zed_configs()]:
        problem = check(binary, name, config)
        if problem:
            failures += 1
            print(f"FAIL: {problem}")
        else:
            passes += 1
            print(f"ok - {name}: accepted {json.dumps(config)}")
    print(f"snippets: {passes} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
