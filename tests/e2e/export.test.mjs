// A clinician opens the seed case (external id demo:facial-twitching) and
// exports it to PDF. The native Save dialog cannot be driven by WebDriver, so
// the debug build's documented test hook CASEBOOK_E2E_SAVE_PATH (see
// src-tauri/src/commands/export.rs; ignored by release builds) names the file
// instead. The PDF is then read back with pdftotext, and page 1 is rendered
// to tests/e2e/artifacts/export-page-1.png for a person to look at.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { Driver, artifacts, tempDataDir, saveScreenshot } from "./harness.mjs";

const SEED_TITLE = "Facial Twitching: When to See a Neurologist";
const dataDir = tempDataDir("export");
const pdfPath = path.join(dataDir, "seed-case.pdf");

let driver;

before(async () => {
  // Inherited by tauri-driver, WebKitWebDriver and so the app.
  process.env.CASEBOOK_E2E_SAVE_PATH = pdfPath;
  driver = await Driver.start(4504);
});
after(async () => {
  await driver?.stop();
  delete process.env.CASEBOOK_E2E_SAVE_PATH;
});

test("the seed case exports to a PDF whose text is the reply", async () => {
  const s = await driver.launch(dataDir);
  try {
    const row = await s.waitForText('[data-testid="case-row"]', SEED_TITLE);
    await row.click();
    await s.waitFor('[data-testid="case-reply"]');
    await (await s.find('[data-testid="export-pdf"]')).click();
    const done = await s.waitFor('[data-testid="export-pdf-done"]', { timeout: 60000 });
    assert.ok((await done.content()).includes("seed-case.pdf"));
    await saveScreenshot(s, "export-case-pdf");
  } finally {
    await s.close();
  }

  assert.ok(existsSync(pdfPath), "the PDF was written");
  const text = execFileSync("pdftotext", [pdfPath, "-"], { encoding: "utf8" });
  const flat = text.split(/\s+/).join(" ");
  const expected = [
    SEED_TITLE,
    "demo:facial-twitching",
    "Facial movements are controlled by the facial nerve",
    "It is recommended to reduce the intake of caffeine",
    "Wishing you good health, peace, and joy.",
    "Page 1 of",
  ];
  let from = 0;
  for (const words of expected) {
    const at = flat.indexOf(words, from);
    assert.ok(at >= 0, `${words} missing or out of order`);
    from = at + words.length;
  }
  mkdirSync(artifacts, { recursive: true });
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdfPath, path.join(artifacts, "export-page-1")]);
});
