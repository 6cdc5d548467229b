// A small W3C WebDriver client over fetch: just what the end-to-end tests use.
// (No browser download, no framework: tauri-driver speaks plain WebDriver.)

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const value = await call(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return new Element(this, v[ELEMENT]);
  }

  async findAll(css) {
    const list = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return list.map((v) => new Element(this, v[ELEMENT]));
  }

  /** Polls until `css` matches (and `predicate(element)` holds), or fails with what it waited for. */
  async waitFor(css, { timeout = 15000, predicate } = {}) {
    const end = Date.now() + timeout;
    let last = "";
    while (Date.now() < end) {
      try {
        const els = await this.findAll(css);
        for (const el of els) {
          if (!predicate || (await predicate(el))) return el;
        }
        last = `${els.length} element(s) matched, none fit`;
      } catch (e) {
        last = String(e.message);
      }
      await sleep(150);
    }
    throw new WebDriverError(`timed out after ${timeout} ms waiting for ${css}: ${last}`);
  }

  /** Waits for an element whose text content contains `text`. */
  waitForText(css, text, options = {}) {
    return this.waitFor(css, { ...options, predicate: async (el) => (await el.content()).includes(text) });
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  async close() {
    await call(this.base, "DELETE", `/session/${this.id}`).catch(() => {});
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.cmd("POST", "/click", {});
  }

  type(text) {
    return this.cmd("POST", "/value", { text });
  }

  clear() {
    return this.cmd("POST", "/clear", {});
  }

  text() {
    return this.cmd("GET", "/text");
  }

  /** The DOM's textContent: exact characters, line breaks included, whatever the CSS. */
  content() {
    return this.session.execute("return arguments[0].textContent;", [this]);
  }

  attribute(name) {
    return this.cmd("GET", `/attribute/${encodeURIComponent(name)}`);
  }

  property(name) {
    return this.cmd("GET", `/property/${encodeURIComponent(name)}`);
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return new Element(this.session, v[ELEMENT]);
  }

  /** For Session.execute: passes this element as an argument. */
  toJSON() {
    return { [ELEMENT]: this.id };
  }
}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const v = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ""}`.trim());
  }
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const Keys = { ENTER: "\uE007", TAB: "\uE004", BACKSPACE: "\uE003", ESCAPE: "\uE00C", F2: "\uE032" };
