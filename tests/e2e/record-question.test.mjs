// A clinician records a question with Chinese text in it, finds it in the
// inbox, quits, starts Casebook again, and finds it still there.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Driver, tempDataDir, saveScreenshot } from "./harness.mjs";
import { Keys } from "./webdriver.mjs";

const TITLE = "左眼皮跳 twitching after coffee";
const BODY = "醫師您好，我的左眼皮一直跳，已經兩個星期。\nShould I see a neurologist?";

let driver;
const dataDir = tempDataDir("record");

before(async () => {
  driver = await Driver.start(4444);
});
after(async () => {
  await driver?.stop();
});

async function rowTitles(s) {
  const rows = await s.findAll('[data-testid="case-row"]');
  return Promise.all(rows.map((r) => r.content()));
}

test("a recorded question survives a restart", async () => {
  let s = await driver.launch(dataDir);
  try {
    await s.waitFor('[data-testid="case-row"]');
    await s.waitForText('[data-testid="count-all"]', "6");
    await saveScreenshot(s, "inbox");

    await (await s.find('[data-testid="new-case"]')).click();
    await s.waitFor('[data-testid="case-form"]');
    await (await s.find('[name="title"]')).type(TITLE);
    // WebDriver types a line break as the Enter key.
    await (await s.find('[name="body"]')).type(BODY.replaceAll("\n", Keys.ENTER));
    await (await s.find('[name="asker"]')).type("林小姐");
    await (await s.find('[name="department"]')).type("Neurology");
    const tags = await s.find('[name="tags"]');
    await tags.type("眼皮跳" + Keys.ENTER);
    await tags.type("Eyelid Twitching" + Keys.ENTER);
    await (await s.find('[name="source"]')).type("Web form");
    await saveScreenshot(s, "new-question");
    await (await s.find('[data-testid="save-case"]')).click();

    const title = await s.waitForText('[data-testid="case-title"]', TITLE);
    assert.equal(await title.content(), TITLE);
    const body = await s.find('[data-testid="case-body"]');
    assert.equal(await body.content(), BODY);

    await (await s.find('[data-testid="status-all"]')).click();
    await s.waitForText('[data-testid="count-all"]', "7");
    await s.waitForText('[data-testid="case-row"]', TITLE);
    assert.equal((await s.find('[data-testid="count-new"]').then((e) => e.content())).trim(), "5");
  } finally {
    await s.close();
  }

  // Start again on the same data folder: nothing is lost.
  s = await driver.launch(dataDir);
  try {
    const row = await s.waitForText('[data-testid="case-row"]', TITLE);
    const titles = await rowTitles(s);
    assert.ok(titles.some((t) => t.includes(TITLE)), `inbox rows: ${titles.join(" | ")}`);
    await row.click();
    const body = await s.waitFor('[data-testid="case-body"]');
    assert.equal(await body.content(), BODY);
    const view = await (await s.find('[data-testid="case-view"]')).content();
    assert.ok(view.includes("林小姐"), view);
    assert.ok(view.includes("眼皮跳"), view);
    await saveScreenshot(s, "case-view");
  } finally {
    await s.close();
  }
});

test("the seeded case shows its reply, signature and more info", async () => {
  const s = await driver.launch(dataDir);
  try {
    const row = await s.waitForText('[data-testid="case-row"]', "Facial Twitching");
    await row.click();
    const reply = await s.waitFor('[data-testid="case-reply"]');
    const text = await reply.content();
    assert.ok(text.includes("Hello Mr."), text.slice(0, 200));
    assert.ok(text.includes("Taoyuan Medical Center"), "signature shown");
    const view = await (await s.find('[data-testid="case-view"]')).content();
    assert.ok(view.includes("myokymia"), "more info shown");
    await saveScreenshot(s, "seed-case");
  } finally {
    await s.close();
  }
});
