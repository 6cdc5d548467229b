// Measures the release app on a 100,000-case database: time from launch to
// the inbox showing rows, and the memory (PSS) of the whole process tree
// (app + WebKit processes). Run: npm run bench:app (under Xvfb).
//
// Launch time: the app process's start (from /proc) to the first moment the
// inbox shows a row, polled every 10 ms through WebDriver.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
process.env.CASEBOOK_APP = path.join(target, "release", "casebook");
const { Driver } = await import("../tests/e2e/harness.mjs");
const { sleep } = await import("../tests/e2e/webdriver.mjs");

const CASES = Number(process.env.BENCH_CASES ?? 100000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function makeDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), "casebook-bench-"));
  const source = path.resolve(root, "../shared/datasets/medquad-dev.jsonl");
  const lines = readFileSync(source, "utf8").split("\n").filter(Boolean);
  const out = [];
  for (let i = 0; out.length < CASES; i++) {
    const record = JSON.parse(lines[i % lines.length]);
    record.external_id = `bench:${i}`;
    out.push(JSON.stringify(record));
  }
  const file = path.join(dir, "bench.jsonl");
  writeFileSync(file, out.join("\n") + "\n");
  // Any build of the CLI will do: only the app's launch is measured.
  const built = ["release", "debug"].map((p) => path.join(target, p, "casebook-cli"));
  const cli = process.env.CASEBOOK_CLI ?? built.find((p) => existsSync(p)) ?? built[0];
  const t = Date.now();
  const said = execFileSync(cli, ["--data-dir", dir, "import", file], { encoding: "utf8" }).trim();
  console.log(`database: ${said} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return dir;
}

const HZ = 100; // USER_HZ on Linux
const bootTime = Number(/btime (\d+)/.exec(readFileSync("/proc/stat", "utf8"))[1]);

function children(pid) {
  const kids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return kids;
}

function tree(pid) {
  return [pid, ...children(pid).flatMap(tree)];
}

function pssKiB(pid) {
  try {
    return Number(/Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))[1]);
  } catch {
    return 0;
  }
}

function findApp() {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const exe = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0];
      if (exe === process.env.CASEBOOK_APP) return Number(entry);
    } catch {
      /* gone */
    }
  }
  return null;
}

function startedAtMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (bootTime + Number(fields[19]) / HZ) * 1000;
}

if (!existsSync(process.env.CASEBOOK_APP)) {
  console.error("build first: npm run tauri build -- --no-bundle && cargo build --release -p casebook-cli");
  process.exit(1);
}
const dataDir = makeDatabase();
const driver = await Driver.start(4494);
const launches = [];
const memories = [];
const splits = []; // [process start → page navigation, navigation → rows]
try {
  for (let run = 0; run < RUNS; run++) {
    const session = await driver.launch(dataDir);
    let shown = null;
    while (shown === null) {
      const rows = await session.findAll('[data-testid="case-row"]');
      if (rows.length > 0) shown = Date.now();
      else await sleep(10);
    }
    const pid = findApp();
    const started = startedAtMs(pid);
    launches.push(shown - started);
    const origin = await session.execute("return performance.timeOrigin;");
    splits.push([origin - started, shown - origin]);
    await sleep(3000); // let the page settle before reading memory
    const pids = tree(pid);
    memories.push(pids.reduce((sum, p) => sum + pssKiB(p), 0) / 1024);
    await session.close();
    await sleep(500);
  }
} finally {
  await driver.stop();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`machine: ${cpus().length} × ${cpus()[0].model}`);
console.log(`launch to inbox rows, ${CASES} cases: median ${median(launches).toFixed(0)} ms (runs: ${launches.map((x) => x.toFixed(0)).join(", ")})`);
console.log(`  of which process start to page navigation: median ${median(splits.map((x) => x[0])).toFixed(0)} ms; page to rows: median ${median(splits.map((x) => x[1])).toFixed(0)} ms`);
console.log(`memory, whole process tree (PSS): median ${median(memories).toFixed(0)} MB (runs: ${memories.map((x) => x.toFixed(0)).join(", ")})`);
