// queue.js: the offline queue of <synpunkt-widget>. A message waits in
// localStorage until the API has taken it, and is retried with backoff, at
// once when the browser comes online, and when a page with the widget is
// next opened (Web Locks keep one sender across tabs). The API's
// idempotency keys make delivery exactly once.
import { STAMP } from "./net.js";

export const QUEUE = "synpunkt:queue:v1";
// A queued message older than this is sent without its form stamp, which
// the API would refuse as expired after 24 hours.
const STAMP_LIFE = 23 * 3600e3;

export function readQueue() {
  try {
    const q = JSON.parse(localStorage.getItem(QUEUE));
    return Array.isArray(q) ? q : [];
  } catch { return []; }
}

export function writeQueue(q) {
  try {
    q.length ? localStorage.setItem(QUEUE, JSON.stringify(q)) : localStorage.removeItem(QUEUE);
    return true;
  } catch { return false; }
}

export const updateQueue = fn => writeQueue(fn(readQueue()));

// send posts one queued message. It returns {ok, body} when delivered (201,
// or 200 for a retry of a message already delivered), {fields} when the
// server refuses the message itself, and {retry} when it should be tried
// again later (no network, 429, 5xx) or at once ({retry, now}).
export async function send(item) {
  let res, body = null;
  try {
    res = await fetch(item.endpoint + "/feedback", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(item.body),
    });
    body = await res.json();
  } catch {
    if (!res) return { retry: 1, offline: 1 };
  }
  const s = res.status;
  if (s < 300 && body?.token) return { ok: 1, body };
  const fields = body?.fields || [];
  if (s === 400 && fields.length && fields.every(f => f.field === STAMP) && item.body[STAMP]) {
    // Only the stamp was refused (too soon, expired): send as a plain API
    // client, which the API limits more strictly but does not refuse.
    delete item.body[STAMP];
    return { retry: 1, now: 1 };
  }
  if (s === 400 || s === 413 || s === 415) return { fields: fields.length ? fields : [{ code: s === 413 ? "too_large" : "" }] };
  return { retry: 1, busy: s === 429 || s === 503, wait: (body?.retry_after || +res.headers.get("retry-after")) * 1e3 };
}

const inflight = new Set();
export const listeners = new Set();

// flush tries once each message waiting for endpoint whose time has come,
// one page at a time, and tells the widgets what happened.
export function flush(endpoint, force) {
  const run = async () => {
    for (const item of readQueue()) {
      if (item.endpoint !== endpoint || inflight.has(item.key) || (!force && item.due > Date.now())) continue;
      if (Date.now() - item.created > STAMP_LIFE) delete item.body[STAMP];
      inflight.add(item.key);
      let r;
      try {
        r = await send(item);
        if (r.now) r = await send(item);
      } finally { inflight.delete(item.key); }
      if (r.retry) {
        const n = (item.attempts || 0) + 1;
        const wait = r.wait || Math.min(3e5, 2e3 * 2 ** Math.min(n, 8)) * (0.75 + Math.random() / 2);
        updateQueue(q => q.map(x => x.key === item.key ? { ...x, body: item.body, attempts: n, due: Date.now() + wait } : x));
      } else {
        updateQueue(q => q.filter(x => x.key !== item.key));
      }
      listeners.forEach(l => l(r.retry ? "waiting" : r.ok ? "delivered" : "refused", item, r));
    }
  };
  return (navigator.locks ? navigator.locks.request(QUEUE, run) : run()).then(schedule);
}

let timer;
export function schedule() {
  clearTimeout(timer);
  const q = readQueue();
  if (q.length) timer = setTimeout(() => new Set(q.map(x => x.endpoint)).forEach(e => flush(e)),
    Math.max(0, Math.min(...q.map(x => x.due || 0)) - Date.now()));
}

addEventListener("online", () => new Set(readQueue().map(x => x.endpoint)).forEach(e => flush(e, 1)));
addEventListener("storage", e => e.key === QUEUE && schedule());
