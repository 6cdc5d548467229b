// Runs after the end-to-end tests (scripts/e2e.sh): the apps they started
// wrote a log file in the platform's log folder, and it holds events and
// error codes only: none of the patient text the tests typed or the demo
// cases hold, no Chinese text at all (Casebook's log lines are English).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const logDir = process.env.CASEBOOK_E2E_LOG_DIR;

// Text the tests typed (record-question, reply, follow-ups, search) and demo case titles.
const CANARIES = [
  "左眼皮跳",
  "醫師您好",
  "林小姐",
  "Eyelid Twitching",
  "Web form",
  "Typed before the kill",
  "頭痛藥",
  "Ask whether the tics eased",
  "Call back about sleep diary",
  "Review the caffeine log",
  "Understanding Facial Tics",
  "Facial Twitching: When to See",
  "canary-backup-5150",
  "備份後加的註記",
];

test("the log exists and holds no patient text", () => {
  assert.ok(logDir, "CASEBOOK_E2E_LOG_DIR names the log folder (set by scripts/e2e.sh)");
  const files = readdirSync(logDir).filter((f) => f.startsWith("casebook") && f.endsWith(".log"));
  assert.ok(files.includes("casebook.log"), `casebook.log in ${logDir}: ${files}`);
  const text = files.map((f) => readFileSync(path.join(logDir, f), "utf8")).join("\n");
  assert.match(text, /Casebook \S+ starting/);
  assert.match(text, /case book opened/);
  assert.match(text, /backup restored/);
  assert.match(text, /a second launch was turned away/);
  for (const canary of CANARIES) {
    assert.ok(!text.includes(canary), `the log quotes patient text: ${canary}`);
  }
  const han = text.match(/\p{Script=Han}+/u);
  assert.equal(han, null, `the log holds Chinese text: ${han?.[0]}`);
});
