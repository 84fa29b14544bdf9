// Harness of the browser tests of <synpunkt-widget>: it builds and starts
// the demo site (examples/site) as a real process, and launches Debian's
// Chromium with a fresh profile through playwright-core.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const artifacts = join(repo, "test-results", "widget");
export const staffToken = "browser-test-staff-token-0123456789";
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// startServer builds the widget into wasm/dist (as `make widget` does; the
// site only serves what was built) and the demo site, runs the site on a
// free port of 127.0.0.1 with a fresh database, no rate limit and that
// widget, and returns its URL, the page of each language and stop(). The
// site has pages in Swedish, Finnish and English.
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "synpunkt-browser-"));
  mkdirSync(artifacts, { recursive: true });
  const sizes = execFileSync("go", ["run", "./wasm/cmd/widget", "-o", "wasm/dist"], { cwd: repo, encoding: "utf8" });
  console.log(sizes.trimEnd().replace(/^/gm, "# "));
  const env = { ...process.env, KOMMUNKIT_STAFF_TOKEN: staffToken };
  const site = await start(dir, "site", "./examples/site", ["-addr", "127.0.0.1:0", "-db", join(dir, "site.db"),
    "-rate-limit", "0", "-widget-dir", join(repo, "wasm/dist")], env);
  if (!site) throw new Error("examples/site did not start");
  return {
    ...site,
    pages: { sv: "/", fi: "/?lang=fi", en: "/?lang=en" },
    stop: async () => {
      await site.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// start builds a Go main package and runs it until it prints the address
// it listens on ("listening on http://..."); it returns null when the build
// or the start fails.
async function start(dir, name, pkg, args, env) {
  const bin = join(dir, name);
  try {
    execFileSync("go", ["build", "-o", bin, pkg], { cwd: repo, stdio: "pipe" });
  } catch (err) {
    console.error(`# go build ${pkg} failed:\n${err.stderr}`);
    return null;
  }
  const proc = spawn(bin, args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise(resolveURL => {
    const timer = setTimeout(() => resolveURL(null), 20000);
    const onData = d => {
      log += d;
      const m = /listening on (http:\/\/[0-9.:]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolveURL(m[1]);
      }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", d => { log += d; });
    proc.on("exit", () => { clearTimeout(timer); resolveURL(null); });
  });
  if (!url) {
    proc.kill("SIGKILL");
    console.error(`# ${pkg} did not start:\n${log}`);
    return null;
  }
  return {
    url,
    log: () => log,
    stop: () => new Promise(done => {
      if (proc.exitCode !== null) return done();
      proc.on("exit", done);
      proc.kill("SIGTERM");
      setTimeout(() => proc.kill("SIGKILL"), 5000);
    }),
  };
}

// launch starts Chromium with a fresh profile.
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "synpunkt-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", e =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

// staffCases lists the cases through the staff API.
export async function staffCases(server) {
  const res = await fetch(server.url + "/api/staff/cases?limit=1000", { headers: { authorization: "Bearer " + staffToken } });
  if (!res.ok) throw new Error("staff cases: " + res.status + " " + await res.text());
  return (await res.json()).cases;
}

// deepActive describes the focused element, inside the widget's shadow root.
export function deepActive(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    const s = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"), type: el.getAttribute("type"),
      value: el.value, text: (el.textContent || "").trim().slice(0, 200),
      // Focus shows as an outline of 2 px or more, or as a box shadow (the
      // site's links use a background and a shadow, GOV.UK style).
      focusVisible: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none",
    };
  });
}

// tab presses Tab (or Shift+Tab) until the focused element matches, and
// returns it; every element focused on the way must show its focus.
export async function tab(page, match, { back = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const el = await deepActive(page);
    if (el && el.tag !== "body" && el.tag !== "html" && !el.focusVisible) {
      throw new Error("focus is not visible on " + JSON.stringify(el));
    }
    if (el && match(el)) return el;
  }
  throw new Error("Tab never reached the element");
}
