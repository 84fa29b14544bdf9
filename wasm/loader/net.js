// net.js: what <synpunkt-widget> fetches: the API's JSON, the form stamp,
// and the WebAssembly half (synpunkt.wasm with Go's wasm_exec.js).

// The abuse-protection fields of the API (httpapi.HoneypotField and
// httpapi.FormStampField).
export const HONEYPOT = "website";
export const STAMP = "form_stamp";

// The versions of the files loadWasm fetches (wasm.Version), which the
// widget command writes in place of the marked literal.
const VERSIONS = /*@versions*/{};

export const getJSON = (url, init) => fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } })
  .then(r => r.ok ? r.json() : null).catch(() => null);

// The WebAssembly half, shared by every widget on the page.
let wasm;
export function loadWasm() {
  return wasm ??= (async () => {
    const url = name => new URL(name + (VERSIONS[name] ? "?v=" + VERSIONS[name] : ""), import.meta.url);
    await import(url("wasm_exec.js"));
    const go = new Go();
    const booted = new Promise(resolve => { globalThis.__synpunktBoot = resolve; });
    let result;
    try {
      result = await WebAssembly.instantiateStreaming(fetch(url("synpunkt.wasm")), go.importObject);
    } catch {
      // A server that sends the wrong Content-Type: compile from the bytes.
      const res = await fetch(url("synpunkt.wasm"));
      if (!res.ok) throw Error("synpunkt.wasm: " + res.status);
      result = await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);
    }
    go.run(result.instance);
    const api = await booted;
    performance.mark("synpunkt:wasm");
    return api;
  })();
}

// once fetches a URL's JSON once per page; a failure is tried again next time.
const cache = {};
export const once = url => cache[url] ??= getJSON(url).then(v => v || delete cache[url] && null);

// stampFor returns the form stamp to send, waiting until the API takes it
// (a form sent back sooner than 2 s is refused), or "" without one.
export async function stampFor(endpoint) {
  const url = endpoint + "/form-stamp";
  let s = await once(url);
  if (s && Date.parse(s.expires) < Date.now() + 60e3) {
    delete cache[url];
    s = await once(url);
  }
  if (!s || !s[STAMP]) return "";
  const wait = Date.parse(s.not_before) - Date.now();
  if (wait > 0) await new Promise(r => setTimeout(r, Math.min(wait + 100, 3000)));
  return s[STAMP];
}
