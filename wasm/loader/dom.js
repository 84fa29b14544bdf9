// dom.js: small DOM helpers of <synpunkt-widget>. They make nodes with
// createElement and text nodes only: no text from the person or the server
// is ever parsed as HTML.

// The loader's code starts here (the first module with code, once joined).
performance.mark("synpunkt:loader");

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== false && v != null) el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children.flat(3).filter(Boolean));
  return el;
}

export function setText(el, ...children) {
  el.replaceChildren(...children.flat(3).filter(Boolean));
}

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  const x = [...b].map(v => v.toString(16).padStart(2, "0")).join("");
  return [x.slice(0, 8), x.slice(8, 12), x.slice(12, 16), x.slice(16, 20), x.slice(20)].join("-");
}

// when writes an instant from the server as Go's calendar.Format does, in
// Stockholm time ("tisdag 24 november 2026 kl. 16:30", "tiistai 24.
// marraskuuta 2026 klo 16.30", "Tuesday 24 November 2026 at 16:30"), or
// with day only the date.
export function when(iso, lang, day) {
  const d = new Date(iso);
  if (isNaN(d)) return "";
  const f = o => new Intl.DateTimeFormat({ sv: "sv-SE", fi: "fi-FI", en: "en-GB" }[lang], { timeZone: "Europe/Stockholm", ...o }).format(d);
  const date = f({ weekday: "long" }) + " " + f({ day: "numeric", month: "long", year: "numeric" });
  const [hh, mm] = f({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).split(/\D/);
  return day ? date : `${date} ${{ sv: "kl.", fi: "klo", en: "at" }[lang]} ${hh}${lang === "fi" ? "." : ":"}${mm}`;
}


// format fills the fmt verbs of a text of feedback/formtext with args, as
// Go's fmt.Sprintf does: %s and %d take the next argument, %[2]s the second
// (and the next verb the third).
export function format(text, ...args) {
  let next = 0;
  return text.replace(/%(?:\[([1-9])\])?[sd]/g, (_, n) => String(args[n ? (next = +n) - 1 : next++] ?? ""));
}
