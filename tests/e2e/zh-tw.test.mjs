// A clinician switches Casebook to Traditional Chinese in the settings,
// records a question in Chinese (tags split at the full-width comma), and
// finds the interface still in Chinese after a restart: the choice is kept in
// the case book. Screenshots: zh-TW-inbox, zh-TW-new-question, zh-TW-case.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Driver, tempDataDir, saveScreenshot } from "./harness.mjs";
import { Keys } from "./webdriver.mjs";

const TITLE = "顏面抽搐，需要看神經內科嗎？";
const BODY = "醫師您好，昨天上班時左側鼻樑的肌肉開始抽動，放鬆時特別明顯。\n請問需要看神經內科嗎？";

let driver;
const dataDir = tempDataDir("zh-tw");

before(async () => {
  driver = await Driver.start(4494);
});
after(async () => {
  await driver?.stop();
});

async function chooseLanguage(s, value) {
  await (await s.find('[data-testid="nav-profile"]')).click();
  await s.waitFor(`[data-testid="interface-language"]:not([disabled])`);
  await (await s.find(`[data-testid="interface-language"] option[value="${value}"]`)).click();
}

test("the interface in Traditional Chinese, kept across a restart", async () => {
  let s = await driver.launch(dataDir);
  try {
    await s.waitForText('[data-testid="count-all"]', "6");
    await chooseLanguage(s, "zh-TW");
    await s.waitForText('[data-testid="new-case"]', "新增提問");
    assert.equal(await s.execute("return document.documentElement.lang;"), "zh-Hant-TW");
    await s.waitForText('[data-testid="nav-profile"]', "個人資料與設定");

    await (await s.find('[data-testid="status-all"]')).click();
    await s.waitFor('[data-testid="case-row"]');
    const sidebar = await (await s.find(".sidebar")).content();
    for (const label of ["新提問", "草稿中", "已回覆", "追蹤", "範本", "篩選"]) {
      assert.ok(sidebar.includes(label), `sidebar lacks ${label}: ${sidebar}`);
    }
    await saveScreenshot(s, "zh-TW-inbox");

    await (await s.find('[data-testid="new-case"]')).click();
    const form = await s.waitForText('[data-testid="case-form"]', "提問內容");
    assert.ok((await form.content()).includes("提問者（暱稱）"));
    await (await s.find('[name="title"]')).type(TITLE);
    await (await s.find('[name="body"]')).type(BODY.replaceAll("\n", Keys.ENTER));
    await (await s.find('[name="asker"]')).type("田小姐");
    await (await s.find('[name="department"]')).type("神經內科");
    await (await s.find('[name="tags"]')).type("顏面抽搐，肌肉跳動、");
    await (await s.find('[name="source"]')).type("網路諮詢");
    await s.waitForText('[data-testid="tag-chips"]', "肌肉跳動");
    await saveScreenshot(s, "zh-TW-new-question");
    await (await s.find('[data-testid="save-case"]')).click();

    await s.waitForText('[data-testid="case-title"]', TITLE);
    const view = await (await s.find('[data-testid="case-view"]')).content();
    for (const text of ["提問日期", "科別", "神經內科", "顏面抽搐", "肌肉跳動", "回覆草稿", "追蹤"]) {
      assert.ok(view.includes(text), `case view lacks ${text}`);
    }
  } finally {
    await s.close();
  }

  s = await driver.launch(dataDir);
  try {
    await s.waitForText('[data-testid="new-case"]', "新增提問");
    const row = await s.waitForText('[data-testid="case-row"]', "Facial Twitching");
    await row.click();
    await s.waitFor('[data-testid="case-reply"]');
    await s.waitForText('[data-testid="case-view"]', "回覆");
    await saveScreenshot(s, "zh-TW-case");
  } finally {
    // Back to the system language, so the webview's remembered choice does
    // not carry over to the next case book opened on this machine.
    try {
      await chooseLanguage(s, "system");
      await s.waitForText('[data-testid="new-case"]', "New question");
    } finally {
      await s.close();
    }
  }
});
