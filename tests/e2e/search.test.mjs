// A clinician searches every case from the sidebar (in Chinese and English),
// opens the hit, and on a new, unanswered question sees the seed case among
// "Similar cases", with its reply ready to start from.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Driver, tempDataDir, saveScreenshot } from "./harness.mjs";
import { Keys, sleep } from "./webdriver.mjs";

const SEED_TITLE = "Facial Twitching: When to See a Neurologist";

let driver;
const dataDir = tempDataDir("search");

before(async () => {
  driver = await Driver.start(4474);
});
after(async () => {
  await driver?.stop();
});

/** Polls `read` until `accept(value)` holds (results follow typing), returning the value. */
async function eventually(read, accept, what, timeout = 15000) {
  const end = Date.now() + timeout;
  let value;
  while (Date.now() < end) {
    value = await read().catch(() => undefined);
    if (value !== undefined && accept(value)) return value;
    await sleep(150);
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
}

async function search(s, text) {
  const input = await s.find('[data-testid="search-input"]');
  await input.clear();
  await input.type(text);
  return input;
}

test("search finds a case as you type, with a highlighted snippet, and opens it", async () => {
  const s = await driver.launch(dataDir);
  try {
    await s.waitFor('[data-testid="case-row"]');

    // `/` focuses the search box from anywhere outside a text field.
    await s.cmd("POST", "/actions", {
      actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: "/" }, { type: "keyUp", value: "/" }] }],
    });
    const focused = await s.execute("return document.activeElement?.dataset?.testid ?? null;");
    assert.equal(focused, "search-input");

    await search(s, "面部抽搐");
    const firstHit = () =>
      s.execute(`const hit = document.querySelector('[data-testid="search-result"]');
        return hit && { text: hit.textContent,
          marks: [...hit.querySelectorAll('[data-testid="search-snippet"] mark')].map(m => m.textContent) };`);
    const chinese = await eventually(
      firstHit,
      (h) => h && h.marks.length === 1 && h.marks[0] === "面部抽搐",
      "the snippet to mark 面部抽搐",
    );
    assert.ok(chinese.text.includes("眼皮一直跳"), `the Chinese case comes first: ${chinese.text}`);
    await saveScreenshot(s, "search-chinese");

    await search(s, "twitching neurologist");
    const english = await eventually(
      firstHit,
      (h) => h && h.text.includes(SEED_TITLE) && h.marks.some((m) => m.toLowerCase().startsWith("twitch")),
      "the seed case first, its snippet marked",
    );
    assert.ok(english.marks.length > 0, JSON.stringify(english));
    await saveScreenshot(s, "search-results");

    // FTS5 syntax typed by a person is just text.
    await search(s, 'NEAR( "twitch* -: AND OR');
    await s.waitFor('[data-testid="search-view"]');
    assert.equal((await s.findAll('[data-testid="error-banner"]')).length, 0);

    await search(s, "twitching neurologist");
    const hit = await s.waitForText('[data-testid="search-result"]', SEED_TITLE);
    await hit.click();
    await s.waitForText('[data-testid="case-title"]', SEED_TITLE);

    // Escape clears; an empty search lists recent cases.
    const input = await s.find('[data-testid="search-input"]');
    await input.click();
    await input.type(Keys.ESCAPE);
    await s.waitForText("#search-heading", "Recent cases");
  } finally {
    await s.close();
  }
});

test("a new question shows the seed case among similar cases, reply ready to start from", async () => {
  const s = await driver.launch(dataDir);
  try {
    const row = await s.waitForText('[data-testid="case-row"]', "Numbness in my left hand at night");
    await row.click();
    await s.waitForText('[data-testid="case-title"]', "Numbness in my left hand at night");
    const similar = await s.waitForText('[data-testid="similar-case"]', SEED_TITLE);
    assert.ok((await similar.content()).includes("Hello Mr."), "the reply's first lines are shown");
    await s.execute("arguments[0].scrollIntoView({block: 'center'});", [similar]);
    await sleep(400);
    await saveScreenshot(s, "similar-cases");

    await (await similar.find('[data-testid="use-reply"]')).click();
    await s.waitFor('[data-testid="starting-reply-used"]');
    // The seed's reply is now this case's draft.
    const draft = await s.waitFor('[data-testid="reply-text"]', {
      predicate: async (el) => String(await el.property("value")).startsWith("Hello Mr."),
    });
    const value = String(await draft.property("value"));
    assert.ok(value.includes("Taoyuan") || value.includes("neurology clinic"), value.slice(0, 120));
    assert.ok(value.endsWith("Wishing you good health, peace, and joy."), value.slice(-80));
    await s.execute("arguments[0].scrollIntoView({block: 'center'});", [draft]);
    await saveScreenshot(s, "starting-reply");
  } finally {
    await s.close();
  }
});
