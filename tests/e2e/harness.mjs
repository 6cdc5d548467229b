// Starts the real Casebook binary through tauri-driver (which drives
// WebKitWebDriver) on a temporary data folder, and stops it cleanly.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir, homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Session, sleep } from "./webdriver.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
export const appBinary = process.env.CASEBOOK_APP ?? path.join(targetDir, "debug", "casebook");
export const artifacts = path.join(root, "tests", "e2e", "artifacts");

function driverBinary() {
  const cargoBin = path.join(homedir(), ".cargo", "bin", "tauri-driver");
  return existsSync(cargoBin) ? cargoBin : "tauri-driver";
}

/** A tauri-driver on its own ports; one per test file. */
export class Driver {
  static async start(port) {
    const d = new Driver();
    d.port = port;
    d.proc = spawn(driverBinary(), ["--port", String(port), "--native-port", String(port + 1)], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    d.exited = new Promise((resolve) => d.proc.once("exit", resolve));
    const end = Date.now() + 20000;
    while (Date.now() < end) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/status`);
        if (res.ok) return d;
      } catch {
        /* not listening yet */
      }
      await sleep(100);
    }
    d.stop();
    throw new Error(`tauri-driver did not start on port ${port}`);
  }

  /** Launches the app on `dataDir` and waits for its window to render. */
  async launch(dataDir) {
    if (!existsSync(appBinary)) throw new Error(`app binary missing: ${appBinary} (build it with: bash scripts/e2e.sh, or npm run e2e)`);
    const session = await Session.create(`http://127.0.0.1:${this.port}`, {
      "tauri:options": { application: appBinary, args: ["--data-dir", dataDir] },
    });
    return session;
  }

  /** SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver too. */
  async stop() {
    if (this.proc.exitCode === null) this.proc.kill("SIGTERM");
    await Promise.race([this.exited, sleep(5000)]);
  }
}

export function tempDataDir(name) {
  return mkdtempSync(path.join(tmpdir(), `casebook-e2e-${name}-`));
}

/**
 * Saves what is on the (virtual) screen as tests/e2e/artifacts/NAME.png, for a
 * person to look at. Taken from the X display rather than through WebDriver:
 * WebKitWebDriver's screenshot can stall on a page with a live scroll area.
 */
export async function saveScreenshot(_session, name) {
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  execFileSync("import", ["-window", "root", file], { timeout: 15000 });
  return file;
}
