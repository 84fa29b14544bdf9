// validation.js: the checks <synpunkt-widget> makes before it sends, the
// ones of feedback.Validate that a person can fix. The server has the last
// word, and its errors are shown on the same fields.
//
// validEmail and validPhone are feedback.ValidEmail and feedback.ValidPhone
// written again in JavaScript, rule for rule; feedback/testdata/
// contact_checks.json is one table of cases that both must answer alike
// (a Go test in feedback and validation.test.mjs here).

// The limits of feedback: MaxTextRunes, MaxNameRunes, MaxEmailBytes.
export const MAX_TEXT = 10000;
export const MAX_NAME = 200;
const MAX_EMAIL = 254;

const utf8 = new TextEncoder();
const bytes = s => utf8.encode(s).length;

// validEmail reports whether s looks like an e-mail address a reply can be
// sent to: one "@"; a local part of 1 to 64 bytes with no space, control
// character or ()<>,;:\"[], and no dot first, last or twice in a row; and a
// domain of at least two labels of letters, digits and hyphens (not first
// or last), of at most 63 bytes each, the last one of at least two letters.
// At most 254 bytes, and no lone surrogate (Go's invalid UTF-8).
export function validEmail(s) {
  if (bytes(s) > MAX_EMAIL || /\p{Cs}/u.test(s)) return false;
  const at = s.lastIndexOf("@"), local = s.slice(0, at), labels = s.slice(at + 1).split(".");
  if (at < 1 || bytes(local) > 64 || local.includes("@")) return false;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..") ||
    /[\p{Cc}\p{White_Space}()<>,;:\\"\[\]]/u.test(local)) return false;
  return labels.length > 1 &&
    labels.every(l => bytes(l) <= 63 && /^[\p{L}\p{Nd}](?:[\p{L}\p{Nd}-]*[\p{L}\p{Nd}])?$/u.test(l)) &&
    /^\p{L}{2,}$/u.test(labels.at(-1));
}

// validPhone reports whether s looks like a phone number: a "+" only
// first, digits, spaces, hyphens, dots, no-break spaces and one pair of
// brackets at a time; 7 to 15 digits; and, without the "+", a first digit 0.
export function validPhone(s) {
  let digits = 0, open = false, first = true;
  for (const c of s) {
    if (c >= "0" && c <= "9") digits++;
    else if (c === "+") { if (!first) return false; }
    else if (c === "(") { if (open) return false; open = true; }
    else if (c === ")") { if (!open) return false; open = false; }
    else if (!" -.\u00a0".includes(c)) return false;
    first = false;
  }
  return !open && digits >= 7 && digits <= 15 && (s[0] === "+" || /^[^0-9]*0/.test(s));
}

// formErrors returns what is wrong with the values of the form ({text,
// name, email, phone, anonymous}), in the order of the form, as pairs of
// the field and the key of its error text: the API's field and code, as
// the server reports them ("form.error.contact.email.invalid"). A reply
// needs an e-mail address or a phone number unless the person chose to be
// anonymous.
export function formErrors(v) {
  const errs = [], val = k => (v[k] || "").trim(), runes = s => [...s].length;
  if (!val("text")) errs.push(["text", "form.error.text.required"]);
  else if (runes(v.text) > MAX_TEXT) errs.push(["text", "form.error.text.too_long"]);
  if (!v.anonymous) {
    if (runes(val("name")) > MAX_NAME) errs.push(["name", "form.error.contact.name.too_long"]);
    if (val("email") && !validEmail(val("email"))) errs.push(["email", "form.error.contact.email.invalid"]);
    if (val("phone") && !validPhone(val("phone"))) errs.push(["phone", "form.error.contact.phone.invalid"]);
    if (!val("email") && !val("phone")) errs.push(["email", "form.error.contact.required"]);
  }
  return errs;
}
