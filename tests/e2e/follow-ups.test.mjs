// A clinician adds follow-ups to a case (one overdue, confirmed because it is
// before the question was asked; one due today; one "in 1 week"), finds them
// in the right buckets of the Follow-ups view with the sidebar counts, marks
// the overdue one done, exports the pending ones to an .ics file, restarts
// Casebook and finds the same state. (The Save dialog is opened from Rust; the
// debug build's hook CASEBOOK_E2E_SAVE_PATH stands in for it, see
// src-tauri/src/commands/export.rs.)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Driver, tempDataDir, saveScreenshot } from "./harness.mjs";

const CASE_TITLE = "Understanding Facial Tics"; // a demo case asked on 2023-01-18
const OVERDUE = "Ask whether the tics eased after exams";
const TODAY = "Call back about sleep diary";
const WEEK = "Review the caffeine log";

let driver;
const dataDir = tempDataDir("follow-ups");

const icsPath = path.join(tempDataDir("follow-ups-ics"), "follow-ups.ics");

before(async () => {
  process.env.CASEBOOK_E2E_SAVE_PATH = icsPath;
  driver = await Driver.start(4464);
});
after(async () => {
  await driver?.stop();
  delete process.env.CASEBOOK_E2E_SAVE_PATH;
});

function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return { year: String(d.getFullYear()), month: pad(d.getMonth() + 1), day: pad(d.getDate()) };
}

async function typeDate(s, { year, month, day }) {
  const segments = await s.findAll('[data-testid="follow-up-date"] [role="spinbutton"]');
  assert.equal(segments.length, 3, "year, month and day segments");
  const typed = { year, month, day };
  for (const seg of segments) {
    const kind = ((await seg.attribute("data-type")) ?? "").toLowerCase();
    await seg.click();
    await seg.type(typed[kind] ?? "");
  }
}

async function openDialog(s) {
  await (await s.find('[data-testid="add-follow-up"]')).click();
  await s.waitFor('[data-testid="follow-up-dialog"]');
}

async function save(s) {
  await (await s.find('[data-testid="save-follow-up"]')).click();
}

async function dialogClosed(s) {
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    if ((await s.findAll('[data-testid="follow-up-dialog"]')).length === 0) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error("the follow-up dialog did not close");
}

async function count(s, which) {
  return (await (await s.find(`[data-testid="count-${which}"]`)).content()).trim();
}

async function bucketText(s, bucket) {
  return (await s.find(`[data-testid="bucket-${bucket}"]`)).content();
}

test("follow-ups are bucketed, counted, marked done and survive a restart", async () => {
  let s = await driver.launch(dataDir);
  try {
    await s.waitForText('[data-testid="count-all"]', "6");
    await s.waitForText('[data-testid="count-overdue"]', "0");
    assert.equal(await count(s, "today"), "0");

    const row = await s.waitForText('[data-testid="case-row"]', CASE_TITLE);
    await row.click();
    await s.waitFor('[data-testid="case-follow-ups"]');

    // 1. A date before the question was asked: kept only after confirming.
    await openDialog(s);
    await typeDate(s, { year: "2023", month: "01", day: "10" });
    await (await s.find('[name="reason"]')).type(OVERDUE);
    await save(s);
    const confirm = await s.waitFor('[data-testid="before-asked-confirm"]');
    assert.match(await confirm.content(), /before the question was asked \(2023-01-18\)/);
    await saveScreenshot(s, "follow-up-confirm");
    await (await s.find('[data-testid="confirm-before-asked"]')).click();
    await dialogClosed(s);
    await s.waitForText('[data-testid="follow-up-row"]', OVERDUE);

    // 2. Due today, typed.
    await openDialog(s);
    await typeDate(s, localToday());
    await (await s.find('[name="reason"]')).type(TODAY);
    await saveScreenshot(s, "follow-up-dialog");
    await save(s);
    await dialogClosed(s);

    // 3. "In 1 week", the quick choice.
    await openDialog(s);
    await (await s.find('[data-testid="quick-in1Week"]')).click();
    await (await s.find('[name="reason"]')).type(WEEK);
    await save(s);
    await dialogClosed(s);
    await s.waitForText('[data-testid="case-follow-ups"]', WEEK);
    assert.equal((await s.findAll('[data-testid="follow-up-row"]')).length, 3);
    await saveScreenshot(s, "case-follow-ups");

    // The sidebar counts follow, and the view shows each in its bucket.
    await s.waitForText('[data-testid="count-overdue"]', "1");
    assert.equal(await count(s, "today"), "1");
    await (await s.find('[data-testid="nav-follow-ups"]')).click();
    await s.waitFor('[data-testid="follow-ups-view"]');
    const overdue = await s.waitForText('[data-testid="bucket-overdue"]', OVERDUE);
    const overdueText = await overdue.content();
    assert.ok(overdueText.includes(CASE_TITLE), overdueText);
    assert.ok(overdueText.includes("Neurology"), overdueText);
    assert.ok((await bucketText(s, "today")).includes(TODAY));
    assert.ok((await bucketText(s, "this_week")).includes(WEEK));
    assert.ok(!(await bucketText(s, "later")).includes(WEEK));
    await saveScreenshot(s, "follow-ups-view");

    // Mark the overdue one done.
    await (await overdue.find('[data-testid="due-mark-done"]')).click();
    await s.waitForText('[data-testid="count-overdue"]', "0");
    await s.waitForText('[data-testid="bucket-done"]', OVERDUE);
    assert.ok(!(await bucketText(s, "overdue")).includes(OVERDUE));

    // Export the pending follow-ups (no names by default) through the Rust Save dialog.
    await (await s.find('[data-testid="export-ics"]')).click();
    await s.waitFor('[data-testid="export-dialog"]');
    await (await s.find('[data-testid="save-ics"]')).click();
    await s.waitForText('[data-testid="export-done"]', "Saved 2 follow-ups");
    const ics = readFileSync(icsPath, "utf8").replace(/\r\n[ \t]/g, "");
    assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, 2, ics);
    assert.ok(ics.includes(TODAY) && ics.includes(WEEK), ics);
    assert.ok(!ics.includes(OVERDUE), "a done follow-up is not exported");
    assert.ok(!ics.includes(CASE_TITLE), "no case titles unless asked");
  } finally {
    await s.close();
  }

  // Start again on the same data folder: the same state.
  s = await driver.launch(dataDir);
  try {
    await s.waitForText('[data-testid="count-today"]', "1");
    assert.equal(await count(s, "overdue"), "0");
    await (await s.find('[data-testid="nav-follow-ups"]')).click();
    await s.waitForText('[data-testid="bucket-done"]', OVERDUE);
    assert.ok((await bucketText(s, "today")).includes(TODAY));
    assert.ok((await bucketText(s, "this_week")).includes(WEEK));
    // One click on a row opens its case.
    const link = await (await s.waitForText('[data-testid="bucket-today"]', TODAY)).find(
      '[data-testid="due-row-link"]',
    );
    await link.click();
    await s.waitForText('[data-testid="case-title"]', CASE_TITLE);
    const rows = await s.findAll('[data-testid="follow-up-row"]');
    const states = await Promise.all(rows.map((r) => r.attribute("data-state")));
    assert.deepEqual(states.sort(), ["done", "pending", "pending"]);
  } finally {
    await s.close();
  }
});
