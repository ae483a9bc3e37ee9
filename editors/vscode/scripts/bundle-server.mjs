// Copies a built statuslint into server/ so a platform-specific .vsix carries its own server.
//   node scripts/bundle-server.mjs           copy $STATUSLINT or ../../target/release/statuslint
//   node scripts/bundle-server.mjs --target  print the vsce target of this machine (linux-x64, ...)
import { chmodSync, copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const extension = resolve(here, "..");
const exe = process.platform === "win32" ? "statuslint.exe" : "statuslint";

if (process.argv.includes("--target")) {
  // vsce's target names, which match Node's platform and arch except for alpine.
  console.log(`${process.platform}-${process.arch}`);
  process.exit(0);
}

const source = process.env.STATUSLINT ?? resolve(extension, "../../target/release", exe);
if (!existsSync(source)) {
  console.error(`no server at ${source}: run \`cargo build --release\` at the repository root or set STATUSLINT`);
  process.exit(1);
}
mkdirSync(join(extension, "server"), { recursive: true });
copyFileSync(source, join(extension, "server", exe));
chmodSync(join(extension, "server", exe), 0o755);
console.log(`bundled ${source} as server/${exe}`);
