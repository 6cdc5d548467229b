// Invalid input gets a clear inline message and nothing is stored; a data
// folder that cannot be created gives a clear error window, not a crash.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { Driver, tempDataDir, saveScreenshot } from "./harness.mjs";

let driver;

before(async () => {
  driver = await Driver.start(4454);
});
after(async () => {
  await driver?.stop();
});

test("an empty or future-dated question is refused inline and not stored", async () => {
  const dataDir = tempDataDir("invalid");
  let s = await driver.launch(dataDir);
  try {
    await s.waitForText('[data-testid="count-all"]', "6");
    await (await s.find('[data-testid="new-case"]')).click();
    await s.waitFor('[data-testid="case-form"]');
    await (await s.find('[data-testid="save-case"]')).click();
    const titleError = await s.waitFor('[data-testid="error-title"]');
    assert.equal(await titleError.content(), "Enter a title.");
    assert.match(await (await s.find('[data-testid="error-body"]')).content(), /patient.s question/);

    await (await s.find('[name="title"]')).type("未來的問題 future question");
    await (await s.find('[name="body"]')).type("This date is impossible.");
    // Type a date far in the future into the date field's segments.
    const segments = await s.findAll('[data-testid="asked-on-input"] [role="spinbutton"]');
    assert.equal(segments.length, 3, "month, day and year segments");
    const typed = { month: "12", day: "31", year: "2099" };
    for (const seg of segments) {
      const label = ((await seg.attribute("data-type")) ?? "").toLowerCase();
      await seg.click();
      await seg.type(typed[label] ?? "");
    }
    await (await s.find('[data-testid="save-case"]')).click();
    const dateError = await s.waitFor('[data-testid="error-asked_on"]');
    assert.match(await dateError.content(), /future/i);
    await saveScreenshot(s, "invalid-form");
    // What was typed is still there.
    assert.equal(await (await s.find('[name="title"]')).property("value"), "未來的問題 future question");
  } finally {
    await s.close();
  }
  // Nothing was stored: a fresh start still shows the six demo cases only.
  s = await driver.launch(dataDir);
  try {
    await s.waitForText('[data-testid="count-all"]', "6");
    const rows = await s.findAll('[data-testid="case-row"]');
    for (const r of rows) assert.ok(!(await r.content()).includes("future question"));
  } finally {
    await s.close();
  }
});

test("a data folder that cannot be created shows a clear error screen", async () => {
  const base = tempDataDir("blocked");
  const file = path.join(base, "not-a-folder");
  writeFileSync(file, "x");
  const s = await driver.launch(path.join(file, "casebook"));
  try {
    const screen = await s.waitFor('[data-testid="startup-error"]');
    const text = await screen.content();
    assert.ok(text.includes("cannot create its data folder"), text);
    assert.ok(text.includes("not-a-folder"), "names the folder");
  } finally {
    await s.close();
  }
});
