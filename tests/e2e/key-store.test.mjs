// The daily start with a real OS key store: GNOME Keyring's Secret Service,
// started and unlocked on this run's private D-Bus session (as a desktop
// login does). The first start sets the book up (the test passphrase hook)
// and the key store keeps its key; the next start, with no passphrase at
// all, opens straight to the inbox.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Driver, tempDataDir, saveScreenshot } from "./harness.mjs";

let driver;
const dataDir = tempDataDir("key-store");
const port = 4500;

function secretTool(...args) {
  return execFileSync("secret-tool", args, { encoding: "utf8", timeout: 10000 });
}

before(async () => {
  // Unlocks (creating) the login keyring in this run's temporary home with a
  // password read from standard input, so no prompt ever shows.
  execFileSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], { input: "casebook-e2e", timeout: 15000 });
  delete process.env.CASEBOOK_E2E_KEY_STORE;
  driver = await Driver.start(port);
});
after(async () => {
  await driver?.stop();
  process.env.CASEBOOK_E2E_KEY_STORE = "none";
});

test("the key store opens the book at the next start without a passphrase", async () => {
  let s = await driver.launch(dataDir);
  try {
    await s.waitFor('[data-testid="case-row"]', { timeout: 30000 });
  } finally {
    await s.close();
  }
  const stored = secretTool("search", "--all", "service", "tw.casebook.app");
  assert.match(stored, /case book [0-9a-f]{32}/);

  // A new driver, started without the passphrase hook: only the key store can open it.
  await driver.stop();
  const passphrase = process.env.CASEBOOK_E2E_PASSPHRASE;
  delete process.env.CASEBOOK_E2E_PASSPHRASE;
  try {
    driver = await Driver.start(port);
    s = await driver.launch(dataDir);
    try {
      await s.waitFor('[data-testid="case-row"]', { timeout: 30000 });
      assert.equal((await s.findAll('[data-testid="lock-screen"]')).length, 0);
      await saveScreenshot(s, "key-store-opened");
    } finally {
      await s.close();
    }
  } finally {
    process.env.CASEBOOK_E2E_PASSPHRASE = passphrase;
  }
});
