// Measures the release app on a 100,000-case database: time from launch to
// the inbox showing rows, and the memory (PSS) of the whole process tree
// (app + WebKit processes). Run: npm run bench:app (under Xvfb).
//
// Launch time: from spawning the app to the moment it reports that the inbox
// painted its first rows (the UI tells the backend after that frame; with
// CASEBOOK_REPORT_LAUNCH set the backend prints each step's time: window
// mapped, page load began, script started, first IPC, first page of cases
// in the page, rows painted).
// The app is started directly, as a clinician starts it: under WebDriver
// (tauri-driver + WebKitWebDriver) the same launch takes about 0.35 s longer,
// and even a bare Tauri window measured that way needed 0.93 s here.

import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
// One build, or several to compare in the same run (their launches take
// turns): CASEBOOK_APPS="before=/tmp/casebook-old,after=target/release/casebook".
const apps = (process.env.CASEBOOK_APPS ?? `app=${process.env.CASEBOOK_APP ?? path.join(target, "release", "casebook")}`)
  .split(",")
  .map((entry) => {
    const at = entry.indexOf("=");
    return { name: entry.slice(0, at), file: entry.slice(at + 1) };
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const CASES = Number(process.env.BENCH_CASES ?? 100000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

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
  // The book is set up encrypted by the CLI with a passphrase; the key
  // store (GNOME Keyring, unlocked below) keeps its key, so the app opens
  // it at launch as on a clinician's desktop: no typing, key from the store.
  const passphrase = path.join(dir, "passphrase.txt");
  writeFileSync(passphrase, "bench passphrase 測試\n");
  const t = Date.now();
  const said = execFileSync(cli, ["--data-dir", path.join(dir, "data"), "--passphrase-file", passphrase, "import", file], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).trim();
  console.log(`database: ${said} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return path.join(dir, "data");
}

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

/**
 * Starts the app and resolves with the launch's steps (ms after spawn) when it
 * reports the inbox shown: window mapped, page load began, script start, first
 * IPC, rows painted (see src-tauri/src/launch.rs).
 */
function launch(app, dataDir) {
  const spawned = performance.timeOrigin + performance.now();
  const child = spawn(app, ["--data-dir", dataDir], {
    env: { ...process.env, CASEBOOK_REPORT_LAUNCH: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const shown = new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (!out.includes("casebook: inbox shown")) return;
      const line = /casebook: launch(.*)/.exec(out)?.[1] ?? "";
      const steps = {};
      for (const [, name, at] of line.matchAll(/([\w-]+)=([\d.]+)/g)) steps[name] = Number(at) - spawned;
      resolve(steps);
    });
    child.once("exit", (code) => reject(new Error(`the app exited (${code}) before showing the inbox`)));
    setTimeout(() => reject(new Error("the inbox did not show rows within 30 s")), 30000).unref();
  });
  return { child, shown };
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

for (const { file } of apps) {
  if (!existsSync(file)) {
    console.error(`${file} is missing; build first: npm run tauri -- build --no-bundle && cargo build --release -p casebook-cli`);
    process.exit(1);
  }
}
// A Secret Service for this run's private D-Bus session, unlocked without a
// prompt, its keyring in a temporary folder (never the developer's own).
execFileSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], {
  input: "casebook-bench",
  timeout: 15000,
  env: { ...process.env, XDG_DATA_HOME: mkdtempSync(path.join(tmpdir(), "casebook-bench-keyring-")) },
});
const dataDir = makeDatabase();
const results = apps.map(() => ({ launches: [], memories: [] }));
for (let run = 0; run < RUNS; run++) {
  for (const [i, { file }] of apps.entries()) {
    const { child, shown } = launch(file, dataDir);
    try {
      results[i].launches.push(await shown);
      await sleep(3000); // let the page settle before reading memory
      results[i].memories.push(tree(child.pid).reduce((sum, p) => sum + pssKiB(p), 0) / 1024);
    } finally {
      await stop(child);
    }
    await sleep(500);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const STEPS = [
  ["window", "window mapped"],
  ["page", "page load began"],
  ["script", "script started"],
  ["ipc", "first IPC"],
  ["data", "first page in"],
  ["rows", "rows painted"],
];
console.log(`machine: ${cpus().length} × ${cpus()[0].model}`);
for (const [i, { name, file }] of apps.entries()) {
  const { launches, memories } = results[i];
  console.log(`\n${name} (${file}): launch split, ${CASES} cases, ms after spawn (median of ${RUNS}):`);
  for (const [key, label] of STEPS) {
    const xs = launches.map((l) => l[key]).filter((x) => x !== undefined);
    if (xs.length === 0) continue;
    console.log(`  ${label.padEnd(16)} ${median(xs).toFixed(0).padStart(5)}   (runs: ${xs.map((x) => x.toFixed(0)).join(", ")})`);
  }
  const ratios = launches.filter((l) => l.window > 0).map((l) => l.rows / l.window);
  if (ratios.length > 0) console.log(`  rows / window mapped: median ${median(ratios).toFixed(2)}×`);
  console.log(`  memory, whole process tree (PSS): median ${median(memories).toFixed(0)} MB (runs: ${memories.map((x) => x.toFixed(0)).join(", ")})`);
}
