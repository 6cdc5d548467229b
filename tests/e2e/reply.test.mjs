// A clinician answers a new demo case from the default neurology template:
// fills its blanks with F2, expands a .phrase, is refused while a blank is
// left, marks it answered, adds an addendum, and after a restart finds the
// locked reply and the addendum unchanged. Then: a draft typed two seconds
// before the app is killed (SIGKILL) is there after a restart.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { Driver, tempDataDir, saveScreenshot, appBinary } from "./harness.mjs";
import { Keys, sleep } from "./webdriver.mjs";

let driver;
const dataDir = tempDataDir("reply");

before(async () => {
  driver = await Driver.start(4484);
});
after(async () => {
  await driver?.stop();
});

async function openCase(s, titlePart) {
  await (await s.waitFor('[data-testid="status-all"]')).click();
  const row = await s.waitForText('[data-testid="case-row"]', titlePart);
  await row.click();
  await s.waitForText('[data-testid="case-title"]', titlePart);
}

async function blankCount(s) {
  return Number(await (await s.find('[data-testid="blank-count"]')).attribute("data-count"));
}

async function replyText(s) {
  return (await s.find('[data-testid="reply-text"]')).property("value");
}

/**
 * Types at the caret of the focused element (WebDriver Actions), keeping the
 * selection: element "send keys" would first move the caret to the end.
 */
async function typeAtCaret(s, text) {
  const actions = [...text].flatMap((value) => [
    { type: "keyDown", value },
    { type: "keyUp", value },
  ]);
  await s.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
  await s.cmd("DELETE", "/actions");
}

/** The selected text of the reply editor (once it is non-empty, within 3 s). */
async function selected(s) {
  let text = "";
  for (let i = 0; i < 30 && text === ""; i++) {
    text = await s.execute(
      "const t = document.querySelector('[data-testid=\"reply-text\"]'); return t.value.slice(t.selectionStart, t.selectionEnd);",
    );
    if (text === "") await sleep(100);
  }
  return text;
}

/** The app process started on this test's data folder (not anyone else's). */
function appPid() {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (argv[0] === appBinary && argv.includes(dataDir)) return Number(entry);
    } catch {
      /* gone */
    }
  }
  return null;
}

test("answer a case from a template, lock it, add an addendum, restart", async () => {
  let s = await driver.launch(dataDir);
  let answered;
  try {
    // The profile signs the answer.
    await (await s.waitFor('[data-testid="nav-profile"]')).click();
    await (await s.waitFor('[data-testid="profile-name"]')).type("Jiang Junyi");
    await (await s.find('[data-testid="profile-title"]')).type("Dr.");
    await (await s.find('[data-testid="profile-affiliation"]')).type("Taoyuan Medical Center");
    await (await s.find('[data-testid="save-profile"]')).click();
    await s.waitFor('[data-testid="profile-saved"]');
    await saveScreenshot(s, "profile-settings");

    // The library ships the default set; a broken template is refused with line and column.
    await (await s.find('[data-testid="nav-templates"]')).click();
    await s.waitFor('[data-testid="template-row"][data-name="神經內科回覆"]');
    await (await s.find('[data-testid="new-template"]')).click();
    await (await s.waitFor('[data-testid="template-name"]')).type("Broken");
    await (await s.find('[data-testid="template-body"]')).type("Hello {{ patient_name }}");
    await (await s.find('[data-testid="save-template"]')).click();
    assert.match(await (await s.waitFor('[data-testid="template-error"]')).content(), /Line 1, column 10: unknown variable “patient_name”/);
    await saveScreenshot(s, "template-library");

    await openCase(s, "Numbness in my left hand");
    await s.waitFor('[data-testid="reply-editor"]');
    await (await s.find('[data-testid="insert-template"]')).click();
    await (await s.waitFor('[data-testid="template-option"][data-name="Neurology reply"]')).click();
    await s.waitFor('[data-testid="blank-count"]', { predicate: async (e) => Number(await e.attribute("data-count")) > 3 });
    const inserted = await replyText(s);
    assert.ok(inserted.startsWith("Hello"), inserted);
    await saveScreenshot(s, "reply-template-inserted");

    // The cursor is on the first blank: type over it, then F2 through the
    // rest (choosing the first phrase of pick-lists), leaving the last open.
    assert.equal(await selected(s), "***");
    await typeAtCaret(s, "Hand numbness at night");
    let guard = 0;
    while ((await blankCount(s)) > 1 && guard++ < 20) {
      await typeAtCaret(s, Keys.F2);
      const picks = await s.findAll('[data-testid="pick-option"]');
      if (picks.length > 0) {
        assert.match(await selected(s), /^\[\[.+\|.+\]\]$/);
        await picks[0].click();
      } else {
        assert.equal(await selected(s), "***");
        await typeAtCaret(s, "two weeks");
      }
    }
    assert.equal(await blankCount(s), 1);
    assert.ok((await replyText(s)).includes("Hand numbness at night is usually benign"), await replyText(s));

    // A dot-phrase at the end of the text.
    await s.execute("const t = document.querySelector('[data-testid=\"reply-text\"]'); t.focus(); t.setSelectionRange(t.value.length, t.value.length);");
    await (await s.find('[data-testid="reply-text"]')).type(Keys.ENTER + ".caffeine ");
    await s.waitFor('[data-testid="reply-text"]', {
      predicate: async (e) => (await e.property("value")).endsWith("which can stimulate the nervous system."),
    });
    assert.ok(!(await replyText(s)).includes(".caffeine"));

    // Refused while a blank is left, and the blank is named.
    await (await s.find('[data-testid="mark-answered"]')).click();
    const refusal = await s.waitFor('[data-testid="reply-error"]');
    assert.match(await refusal.content(), /1 place to fill in: a blank \*\*\* on line \d+, column \d+/);
    await saveScreenshot(s, "reply-refused-with-blank");

    await (await s.find('[data-testid="next-blank"]')).click();
    assert.equal(await selected(s), "***");
    await typeAtCaret(s, "weakness");
    assert.equal(await blankCount(s), 0);
    answered = await replyText(s);
    await (await s.find('[data-testid="mark-answered"]')).click();
    const body = await s.waitFor('[data-testid="reply-body"]');
    assert.equal(await body.content(), answered);
    assert.ok((await (await s.find('[data-testid="case-reply"]')).content()).includes("Dr. Jiang Junyi"));

    await (await s.find('[data-testid="addendum-text"]')).type("Addendum: if the numbness spreads, come in this week.");
    await (await s.find('[data-testid="add-addendum"]')).click();
    await s.waitForText('[data-testid="addendum-body"]', "if the numbness spreads");
    await saveScreenshot(s, "reply-answered-with-addendum");
  } finally {
    await s.close();
  }

  s = await driver.launch(dataDir);
  try {
    await openCase(s, "Numbness in my left hand");
    const body = await s.waitFor('[data-testid="reply-body"]');
    assert.equal(await body.content(), answered);
    assert.equal((await s.findAll('[data-testid="reply-editor"]')).length, 0, "a locked reply has no editor");
    const addenda = await s.findAll('[data-testid="addendum-body"]');
    assert.equal(addenda.length, 1);
    assert.equal(await addenda[0].content(), "Addendum: if the numbness spreads, come in this week.");
    const kinds = await Promise.all((await s.findAll('[data-testid="audit-event"]')).map((e) => e.attribute("data-kind")));
    assert.equal(kinds[0], "imported", "a demo case's trail starts where it came from");
    for (const kind of ["template_used", "draft_saved", "answered", "addendum"]) assert.ok(kinds.includes(kind), kinds.join(","));
  } finally {
    await s.close();
  }
});

test("a draft typed two seconds before the app is killed survives", async () => {
  const TYPED = "Typed before the kill 頭痛藥不要天天吃";
  let s = await driver.launch(dataDir);
  try {
    await openCase(s, "長期頭痛");
    const area = await s.waitFor('[data-testid="reply-text"]');
    await area.type(TYPED);
    await sleep(2000);
    const pid = appPid();
    assert.ok(pid, "app process found");
    process.kill(pid, "SIGKILL");
  } finally {
    await s.close().catch(() => {});
  }

  s = await driver.launch(dataDir);
  try {
    await openCase(s, "長期頭痛");
    await s.waitFor('[data-testid="reply-text"]', { predicate: async (e) => (await e.property("value")) === TYPED });
    await saveScreenshot(s, "reply-draft-after-kill");
  } finally {
    await s.close();
  }
});
