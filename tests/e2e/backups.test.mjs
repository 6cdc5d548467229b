// A clinician backs the case book up in Settings, then changes the seed
// case (an addendum on its answered reply), and restores the backup: the
// seed case is as it was before the change, the access trail says so, the
// restore survives a restart, and the backup Casebook made of the book just
// before the restore brings the change back. No file under the data folder
// (database, backups, manifests) holds the addendum's words in plaintext.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Driver, tempDataDir, saveScreenshot } from "./harness.mjs";

const SEED_TITLE = "Facial Twitching: When to See a Neurologist";
const ADDENDUM = "備份後加的註記 canary-backup-5150";

let driver;
const dataDir = tempDataDir("backups");

before(async () => {
  driver = await Driver.start(4534);
});
after(async () => {
  await driver?.stop();
});

async function openSettings(s) {
  await (await s.find('[data-testid="nav-profile"]')).click();
  await s.waitFor('[data-testid="backup-settings"]');
}

async function openSeedCase(s) {
  await (await s.find('[data-testid="status-all"]')).click();
  await (await s.waitForText('[data-testid="case-row"]', SEED_TITLE)).click();
  await s.waitFor('[data-testid="addenda"]');
}

async function addenda(s) {
  const items = await s.findAll('[data-testid="addendum-body"]');
  return Promise.all(items.map((i) => i.content()));
}

/** Clicks Restore on the backup whose row says `reason`, and confirms. */
async function restore(s, reason) {
  const row = await s.waitForText('[data-testid="backup-row"]', reason);
  await (await row.find('[data-testid="backup-restore"]')).click();
  const confirm = await s.waitFor('[data-testid="backup-restore-confirm"]');
  assert.match(await confirm.content(), /backed up first/);
  await (await confirm.find('[data-testid="backup-restore-go"]')).click();
  return s.waitFor('[data-testid="backup-restored"]', { timeout: 60000 });
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test("a backup taken before the seed case changed puts it back, and the way back returns", async () => {
  let s = await driver.launch(dataDir);
  try {
    await s.waitFor('[data-testid="case-row"]');
    await openSettings(s);
    // The profile signs addenda.
    await (await s.waitFor('[data-testid="profile-name"]')).type("江醫師");
    await (await s.find('[data-testid="save-profile"]')).click();
    await s.waitFor('[data-testid="profile-saved"]');
    await (await s.find('[data-testid="backup-now"]')).click();
    await s.waitFor('[data-testid="backup-made"]', { timeout: 60000 });
    const made = await s.waitForText('[data-testid="backup-row"]', "Backed up by hand");
    assert.match(await made.content(), /6 cases/);
    assert.match(await (await s.find('[data-testid="backup-folder"]')).content(), /backups$/);

    // The change: an addendum on the seed case's answered reply.
    await openSeedCase(s);
    assert.deepEqual(await addenda(s), []);
    await (await s.find('[data-testid="addendum-text"]')).type(ADDENDUM);
    await (await s.find('[data-testid="add-addendum"]')).click();
    await s.waitForText('[data-testid="addendum-body"]', ADDENDUM);

    await openSettings(s);
    const done = await restore(s, "Backed up by hand");
    assert.match(await done.content(), /Restored the backup from/);
    // The way back is listed: the book as it was just before.
    await s.waitForText('[data-testid="backup-row"]', "Before a restore");
    await s.waitForText('[data-testid="access-events"]', "Restored from the backup of");
    await s.execute("arguments[0].scrollIntoView();", [await s.find('[data-testid="backup-settings"]')]);
    await saveScreenshot(s, "backups-restored");

    await openSeedCase(s);
    assert.deepEqual(await addenda(s), [], "the addendum came after the backup");
  } finally {
    await s.close();
  }

  // Encrypted everywhere: the database, every backup, every manifest.
  const files = filesUnder(dataDir);
  assert.ok(files.some((f) => f.endsWith("manifest.json")));
  for (const file of files) {
    assert.ok(!readFileSync(file).includes(Buffer.from("canary-backup-5150")), `${file} holds the addendum in plaintext`);
  }

  // The restore is on disk; the backup made before it brings the change back.
  s = await driver.launch(dataDir);
  try {
    await s.waitFor('[data-testid="case-row"]');
    await openSeedCase(s);
    assert.deepEqual(await addenda(s), []);
    await openSettings(s);
    await restore(s, "Before a restore");
    await openSeedCase(s);
    await s.waitForText('[data-testid="addendum-body"]', ADDENDUM);
  } finally {
    await s.close();
  }
});
