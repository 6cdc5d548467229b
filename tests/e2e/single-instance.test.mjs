// With Casebook open, a second launch on the same data folder brings the open
// window forward and exits by itself: the display still shows exactly one
// Casebook window, and the first one still works.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { Driver, tempDataDir, appBinary, saveScreenshot } from "./harness.mjs";
import { sleep } from "./webdriver.mjs";

let driver;
const dataDir = tempDataDir("single");

before(async () => {
  driver = await Driver.start(4524);
});
after(async () => {
  await driver?.stop();
});

/** Top-level windows on the display named exactly "Casebook" (xwininfo, x11-utils). */
function casebookWindows() {
  const tree = execFileSync("xwininfo", ["-root", "-children"], { encoding: "utf8" });
  return tree.split("\n").filter((line) => /^\s*0x[0-9a-f]+ "Casebook":/.test(line));
}

/** Resolves to the exit code, or null if the process is still running after `ms`. */
function exitWithin(proc, ms) {
  return Promise.race([
    new Promise((resolve) => proc.once("exit", (code, signal) => resolve(code ?? signal))),
    sleep(ms).then(() => null),
  ]);
}

test("a second launch exits and leaves one window", async () => {
  const s = await driver.launch(dataDir);
  try {
    await s.waitFor('[data-testid="case-row"]');
    assert.equal(casebookWindows().length, 1, casebookWindows().join("\n"));

    const second = spawn(appBinary, ["--data-dir", dataDir], { stdio: ["ignore", "inherit", "inherit"] });
    // A generous bound that only catches a second instance that stays.
    const code = await exitWithin(second, 20000);
    if (code === null) second.kill("SIGKILL");
    assert.equal(code, 0, "the second launch exits by itself, successfully");

    assert.equal(casebookWindows().length, 1, casebookWindows().join("\n"));
    // The first window still answers.
    await (await s.find('[data-testid="status-all"]')).click();
    await s.waitForText('[data-testid="count-all"]', "6");
    await saveScreenshot(s, "after-second-launch");
  } finally {
    await s.close();
  }
});
