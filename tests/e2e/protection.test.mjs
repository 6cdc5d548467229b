// The case book's protection through the real window, typed as a clinician
// would (this file turns off the CASEBOOK_E2E_PASSPHRASE hook the other
// tests use): set-up with a passphrase typed twice and the recovery code
// shown once; a draft typed, then the window left alone until it locks
// itself (lock time set to one minute in Settings); nothing of the case on
// the lock screen; a wrong passphrase refused; the right one brings the draft
// back; Ctrl+L; a restart with no key store asks for the passphrase, and the
// recovery code opens the book and asks for a new passphrase.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Driver, tempDataDir, saveScreenshot, artifacts } from "./harness.mjs";
import { sleep } from "./webdriver.mjs";

const PASSPHRASE = "門診病例 safe 2026";
const DRAFT = "鎖定前打的草稿 canary-7731";
const CASE = "Numbness in my left hand";

let driver;
const dataDir = tempDataDir("protection");
let recoveryCode = "";
const sheetPath = path.join(mkdtempSync(path.join(tmpdir(), "casebook-e2e-sheet-")), "recovery-sheet.pdf");

before(async () => {
  delete process.env.CASEBOOK_E2E_PASSPHRASE;
  // The save dialog's stand-in (debug builds) for the recovery sheet.
  process.env.CASEBOOK_E2E_SAVE_PATH = sheetPath;
  driver = await Driver.start(4496);
});
after(async () => {
  await driver?.stop();
  delete process.env.CASEBOOK_E2E_SAVE_PATH;
});

async function bodyText(s) {
  return s.execute("return document.body.innerText;");
}

async function pageHtml(s) {
  return s.execute("return document.documentElement.outerHTML;");
}

test("set up with a typed passphrase; the recovery code is shown once", async () => {
  const s = await driver.launch(dataDir);
  try {
    await s.waitFor('[data-testid="setup-screen"]');
    await saveScreenshot(s, "protection-setup");
    const field = await s.find('[data-testid="setup-passphrase"]');
    const repeat = await s.find('[data-testid="setup-repeat"]');

    // Too short: the core's rule, named.
    await field.type("short");
    await repeat.type("short");
    await (await s.find('[data-testid="setup-submit"]')).click();
    assert.match(await (await s.waitFor('[data-testid="setup-error"]')).content(), /at least 8 characters/);

    // Two different passphrases.
    await field.clear();
    await repeat.clear();
    await field.type(PASSPHRASE);
    await repeat.type(PASSPHRASE + "x");
    await (await s.find('[data-testid="setup-submit"]')).click();
    assert.match(await (await s.waitFor('[data-testid="setup-error"]')).content(), /not the same/);

    await repeat.clear();
    await repeat.type(PASSPHRASE);
    await (await s.find('[data-testid="setup-submit"]')).click();
    const code = await s.waitFor('[data-testid="recovery-code"]', { timeout: 30000 });
    recoveryCode = (await code.content()).trim();
    assert.match(recoveryCode, /^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    // No key store in this run: the window says every start will ask.
    await s.waitFor('[data-testid="no-key-store"]');
    assert.equal(await (await s.find('[data-testid="recovery-done"]')).property("disabled"), true);
    await saveScreenshot(s, "protection-recovery-code");

    // The recovery sheet: one page with the code, read back with pdftotext.
    await (await s.find('[data-testid="save-recovery-sheet"]')).click();
    await s.waitFor('[data-testid="recovery-sheet-saved"]', { timeout: 30000 });
    const sheet = execFileSync("pdftotext", ["-layout", sheetPath, "-"], { encoding: "utf8" });
    assert.match(sheet, /Casebook recovery sheet/);
    assert.ok(sheet.replace(/\s/g, "").includes(recoveryCode), sheet);
    assert.match(execFileSync("pdfinfo", [sheetPath], { encoding: "utf8" }), /Pages:\s+1\n/);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-singlefile", sheetPath, path.join(artifacts, "recovery-sheet")]);
    await (await s.find('[data-testid="recovery-kept"]')).click();
    await (await s.find('[data-testid="recovery-done"]')).click();
    await s.waitForText('[data-testid="case-row"]', CASE);

    // The file on disk is encrypted: neither its header nor a demo title is readable.
    const db = readFileSync(path.join(dataDir, "casebook.sqlite3"));
    assert.ok(!db.subarray(0, 16).toString("latin1").startsWith("SQLite format 3"));
    assert.ok(!db.includes(Buffer.from(CASE)));
  } finally {
    await s.close();
  }
});

test("the window locks itself after the lock time, hides the case, and keeps the draft", async () => {
  const s = await driver.launch(dataDir);
  try {
    // Every start asks (no key store in this run).
    await s.waitFor('[data-testid="lock-screen"]');
    await (await s.find('[data-testid="unlock-secret"]')).type(PASSPHRASE);
    await (await s.find('[data-testid="unlock-submit"]')).click();

    await (await s.waitFor('[data-testid="nav-profile"]', { timeout: 30000 })).click();
    await s.waitFor('[data-testid="lock-after"]:not([disabled])');
    await (await s.find('[data-testid="lock-after"] option[value="1"]')).click();
    await s.waitFor('[data-testid="lock-after"]', { predicate: async (e) => (await e.property("value")) === "1" });

    await (await s.find('[data-testid="status-all"]')).click();
    await (await s.waitForText('[data-testid="case-row"]', CASE)).click();
    const editor = await s.waitFor('[data-testid="reply-text"]');
    await editor.click();
    await editor.type(DRAFT);
    // Typed, not yet saved (autosave waits for a pause): the lock must save it.
    const started = Date.now();
    await s.waitFor('[data-testid="lock-screen"]', { timeout: 100000 });
    const idle = (Date.now() - started) / 1000;
    assert.ok(idle >= 55, `locked after ${idle} s, before its minute`);
    await saveScreenshot(s, "protection-locked");
    const html = await pageHtml(s);
    assert.ok(!html.includes(DRAFT) && !html.includes(CASE), "the lock screen shows nothing of the case");

    await (await s.find('[data-testid="unlock-secret"]')).type("not my passphrase");
    await (await s.find('[data-testid="unlock-submit"]')).click();
    assert.match(await (await s.waitFor('[data-testid="unlock-error"]', { timeout: 30000 })).content(), /does not unlock/);
    const secret = await s.find('[data-testid="unlock-secret"]');
    await secret.clear();
    await secret.type(PASSPHRASE);
    await (await s.find('[data-testid="unlock-submit"]')).click();

    // Back where the clinician was, with the draft.
    await s.waitFor('[data-testid="reply-text"]', {
      timeout: 30000,
      predicate: async (e) => (await e.property("value")).includes(DRAFT),
    });

    // Ctrl+L locks at once.
    await s.cmd("POST", "/actions", {
      actions: [
        {
          type: "key",
          id: "keyboard",
          actions: [
            { type: "keyDown", value: "\uE009" },
            { type: "keyDown", value: "l" },
            { type: "keyUp", value: "l" },
            { type: "keyUp", value: "\uE009" },
          ],
        },
      ],
    });
    await s.cmd("DELETE", "/actions");
    await s.waitFor('[data-testid="lock-screen"]');
    assert.ok(!(await bodyText(s)).includes(CASE));
  } finally {
    await s.close();
  }
});

test("the recovery code opens the book and asks for a new passphrase", async () => {
  const s = await driver.launch(dataDir);
  try {
    await s.waitFor('[data-testid="lock-screen"]');
    await (await s.find('[data-testid="pick-language-zh-TW"]')).click();
    await s.waitForText('[data-testid="lock-screen"] h1', "已鎖定");
    await saveScreenshot(s, "protection-locked-zh-TW");
    // Typed in lower case without the dashes, as a person might.
    await (await s.find('[data-testid="unlock-secret"]')).type(recoveryCode.replace(/-/g, "").toLowerCase());
    await (await s.find('[data-testid="unlock-submit"]')).click();
    await s.waitFor('[data-testid="recovery-used"]', { timeout: 30000 });
    await (await s.find('[data-testid="passphrase-current"]')).type(recoveryCode);
    await (await s.find('[data-testid="passphrase-new"]')).type("新的密碼片語 2027");
    await (await s.find('[data-testid="passphrase-repeat"]')).type("新的密碼片語 2027");
    await (await s.find('[data-testid="passphrase-submit"]')).click();
    await s.waitFor('[data-testid="passphrase-changed"]', { timeout: 30000 });
    const trail = await (await s.waitFor('[data-testid="access-events"]')).content();
    assert.match(trail, /已變更密碼片語/);
    assert.match(trail, /使用復原碼/);
    assert.match(trail, /閒置後自動/);
    await saveScreenshot(s, "protection-security-settings-zh-TW");
  } finally {
    await s.close();
  }
  // Nothing readable left in the data folder: no file holds the draft.
  for (const name of readdirSync(dataDir)) {
    const file = path.join(dataDir, name);
    try {
      assert.ok(!readFileSync(file).includes(Buffer.from("canary-7731")), `${name} holds the draft`);
    } catch (e) {
      if (e.code !== "EISDIR") throw e;
    }
  }
  await sleep(0);
});
