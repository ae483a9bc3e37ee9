// Checks what a packaged .vsix holds: the bundle, the manifest and the docs, and none of the
// sources, tests or node_modules that .vscodeignore must keep out.
//   node scripts/check-vsix.mjs statuslint.vsix
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

const file = process.argv[2];
const zip = readFileSync(file);

/** Name -> contents, read from the zip's central directory. */
function entries(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const found = new Map();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataStart, dataStart + size);
    found.set(name, () => (method === 8 ? inflateRawSync(data) : data));
    at += 46 + nameLength + extra + comment;
  }
  return found;
}

const files = entries(zip);
const problems = [];
for (const required of ["extension/package.json", "extension/dist/extension.js", "extension/readme.md", "extension/LICENSE.txt"]) {
  if (!files.has(required)) problems.push(`missing ${required}`);
}
for (const name of files.keys()) {
  if (/^extension\/(node_modules|src|test|out|scripts)\//.test(name) || name.endsWith(".map") || name.endsWith(".ts")) {
    problems.push(`should not be packaged: ${name}`);
  }
}
if (files.has("extension/package.json")) {
  const manifest = JSON.parse(files.get("extension/package.json")().toString("utf8"));
  if (manifest.main !== "./dist/extension.js") problems.push(`main is ${manifest.main}`);
  const trust = manifest.capabilities?.untrustedWorkspaces;
  if (trust?.supported !== "limited" || !trust.restrictedConfigurations?.includes("statuslint.server.path")) {
    problems.push("untrustedWorkspaces must be limited, restricting statuslint.server.path");
  }
  if (manifest.contributes?.configuration?.properties?.["statuslint.server.path"]?.scope !== "machine") {
    problems.push("statuslint.server.path must be machine-scoped");
  }
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`${file}: ${problem}`);
  process.exit(1);
}
console.log(`${file}: ${files.size} files, bundle and manifest as expected`);
