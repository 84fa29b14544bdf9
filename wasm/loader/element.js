// element.js: <synpunkt-widget>, kommunkit's feedback form, the element.
// With the other modules of wasm/loader it is joined into synpunkt.js, the
// loader a page loads:
//
//   <script type="module" src="/widget/synpunkt.js"></script>
//   <synpunkt-widget endpoint="/api" lang="sv"></synpunkt-widget>
//
// It renders a complete, accessible form at once, in a shadow root, and
// fetches the WebAssembly half (synpunkt.wasm, Go) lazily, when the form gets
// focus or the page is idle. With the WebAssembly loaded, typing shows what
// kind of message it is, guidance where it belongs, personal data the person
// may not want to send, and the reply due date. Without it the form still
// submits, and the server classifies (POST {endpoint}/classify).
//
// Attributes:
//   endpoint      the feedback API (default "/api")
//   lang          "sv", "fi" or "en"; default the page's language, else Swedish
//   channel       the channel the message arrives on (default "web")
//   policy        the URL of the policy's public facts (default "{endpoint}/policy")
//   recipient     whom the message is for, when not the organisation
//   status-url    the case status page; "{token}" is replaced (default "{endpoint}/feedback/{token}")
//   form-stamp    a signed form timestamp rendered by the site (default: fetched from {endpoint}/form-stamp)
//   heading-level 2 to 6 (default 2)
// Theming: the --synpunkt-* custom properties in synpunkt.css.
//
// Security: no text from the person or the server is ever parsed as HTML.
// Every node is built with createElement and text nodes.
import { TEXTS } from "./texts.js";
import { h, setText, uuid, when, format } from "./dom.js";
import { formErrors, MAX_TEXT } from "./validation.js";
import { HONEYPOT, STAMP, getJSON, loadWasm, once, stampFor } from "./net.js";
import { readQueue, writeQueue, send, flush, schedule, listeners } from "./queue.js";

// The styles (synpunkt.css), which the widget command writes in place of the
// marked literal.
const CSS = /*@css*/"";

// Kinds for which the policy's response time applies (feedback.Case.ReplyOwed).
const OWED = ["", "praise", "complaint", "suggestion", "question"];

function langOf(el) {
  const l = (el.getAttribute("lang") || el.parentElement?.closest("[lang]")?.getAttribute("lang") || "sv")
    .trim().toLowerCase().slice(0, 2);
  return TEXTS[l] ? l : "sv";
}

let uid = 0;
const empty = () => ({ text: "", reply: "yes", name: "", email: "", phone: "", decision: "" });

class SynpunktWidget extends HTMLElement {
  static observedAttributes = ["lang", "endpoint", "channel", "policy", "heading-level"];

  constructor() {
    super();
    this.uid = "sp" + uid++;
    this.values = empty();
    this.view = "form";
    this.shown = {};
    this.onQueue = this.onQueue.bind(this);
  }

  get endpoint() {
    return new URL((this.getAttribute("endpoint") || "/api").replace(/\/+$/, ""), document.baseURI).href;
  }

  get channel() {
    return this.getAttribute("channel") || "web";
  }

  // t gives a text in the widget's language: t("form.title"), or with
  // arguments for its verbs, t("form.counter", 120).
  get t() {
    const texts = TEXTS[this.lang_];
    return (key, ...args) => format(texts[key] ?? key, ...args);
  }

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: "open" });
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } catch {
        root.append(h("style", {}, CSS));
      }
    }
    this.lang_ = langOf(this);
    this.render();
    performance.mark("synpunkt:interactive");
    listeners.add(this.onQueue);
    this.langs = new MutationObserver(() => this.relang());
    this.langs.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    // The WebAssembly, the policy and a form stamp: on focus, or when idle.
    this.addEventListener("focusin", () => this.warm(), { once: true });
    globalThis.requestIdleCallback ? requestIdleCallback(() => this.warm(), { timeout: 4000 }) : setTimeout(() => this.warm(), 1500);
    // Deliver what an earlier visit left waiting.
    const waiting = readQueue().filter(x => x.endpoint === this.endpoint);
    if (waiting.length) {
      this.pending = waiting.at(-1).key;
      this.showWaiting("offline");
      flush(this.endpoint, 1);
    }
  }

  disconnectedCallback() {
    listeners.delete(this.onQueue);
    this.langs.disconnect();
  }

  attributeChangedCallback(name, old, value) {
    if (!this.shadowRoot || old === value) return;
    if (name === "lang") this.relang();
    else if (name === "heading-level") this.render();
    else {
      this.warming = this.facts = null;
      this.shown = {};
      this.warm();
    }
  }

  relang() {
    const l = langOf(this);
    if (l !== this.lang_) {
      this.lang_ = l;
      this.render();
    }
  }

  // warm fetches the policy's facts, a form stamp and the WebAssembly, once.
  warm() {
    return this.warming ??= (async () => {
      const facts = once(this.getAttribute("policy") ? new URL(this.getAttribute("policy"), document.baseURI).href : this.endpoint + "/policy");
      if (!this.getAttribute("form-stamp")) once(this.endpoint + "/form-stamp");
      try {
        this.api = await loadWasm();
      } catch (err) {
        this.api = null;
        console.warn("synpunkt: no WebAssembly, so the server classifies.", err);
      }
      this.facts = await facts;
      this.analyse();
    })();
  }

  // heading makes the widget's heading, or with sub one level below it.
  heading(text, attrs, sub) {
    const n = +this.getAttribute("heading-level");
    return h("h" + Math.min(6, (n > 1 && n < 7 ? n : 2) + !!sub), attrs, text);
  }

  $(key) {
    return this.shadowRoot.getElementById(this.uid + "-" + key);
  }

  // render builds the whole shadow tree for the language and the view,
  // keeping what the person has typed.
  render() {
    this.save();
    const t = this.t, id = k => this.uid + "-" + k, v = this.values;
    const field = (k, label, input, hint) => h("div", { class: "field", id: id(k + "-field") },
      h("label", { for: id(k) }, label),
      hint && h("p", { class: "hint", id: id(k + "-hint") }, hint),
      input,
      h("p", { class: "error", id: id(k + "-error"), hidden: true }));
    const input = (k, type, auto, more) => h("input", {
      id: id(k), name: k, type, autocomplete: auto, "aria-describedby": id(k + "-error"), ...more });

    const form = h("form", { novalidate: true, "aria-labelledby": id("title") },
      this.heading(t("form.title"), { id: id("title") }),
      h("p", {}, t("form.intro")),
      h("div", { class: "errors", id: id("errors"), role: "alert", tabindex: "-1" }),
      field("text", t("form.text"), [
        h("textarea", { id: id("text"), name: "text", rows: 7, required: true,
          "aria-describedby": `${id("text-hint")} ${id("text-error")} ${id("count")}` }),
        h("p", { class: "counter", id: id("count"), hidden: true })], t("form.text.hint")),
      h("div", { class: "guide", id: id("guide"), "aria-live": "polite" }),
      h("div", { class: "pii", id: id("pii"), hidden: true }),
      h("p", { class: "vh", id: id("pii-live"), "aria-live": "polite" }),
      field("decision", t("form.decision"), input("decision", "date", "off",
        { "aria-describedby": `${id("decision-hint")} ${id("decision-error")}` }), t("form.decision.hint")),
      h("fieldset", { id: id("reply") },
        h("legend", {}, t("form.contact")),
        [["yes", t("form.reply.yes")], ["no", t("form.reply.no")]].map(([val, label]) => h("div", { class: "choice" },
          h("input", { type: "radio", name: id("reply"), id: id("reply-" + val), value: val, checked: v.reply === val }),
          h("label", { for: id("reply-" + val) }, label)))),
      h("div", { class: "note", id: id("anon"), hidden: true }, h("p", {}, t("form.anon"))),
      h("div", { id: id("contact") },
        h("p", { class: "hint" }, t("form.contact.hint")),
        field("name", t("form.name"), input("name", "text", "name")),
        // Text with an e-mail keyboard, not type=email, whose value the
        // browser rewrites (an IDN domain becomes punycode): the widget
        // checks and sends what the person typed, as the server checks it.
        field("email", t("form.email"), input("email", "text", "email", { inputmode: "email", spellcheck: "false", autocapitalize: "off" })),
        field("phone", t("form.phone"), input("phone", "tel", "tel"))),
      h("div", { class: "due", id: id("due"), "aria-live": "polite" }),
      h("div", { class: "vh", "aria-hidden": "true" },
        h("label", { for: id("trap") }, t("form.hp")),
        h("input", { id: id("trap"), name: HONEYPOT, tabindex: "-1", autocomplete: "off" })),
      h("button", { type: "submit", id: id("send") }, t("form.send")),
      h("p", { class: "status", id: id("status"), role: "status" }));
    this.form = form;
    this.other = h("section", { hidden: true, "aria-labelledby": id("other-title") });
    this.shadowRoot.replaceChildren(h("div", { class: "sp", lang: this.lang_ }, form, this.other));

    for (const k of ["text", "name", "email", "phone", "decision"]) this.$(k).value = v[k];
    this.$("decision-field").hidden = !v.decision;
    this.$("text").addEventListener("input", () => {
      this.count();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.analyse(), 300);
      this.warm();
    });
    this.$("decision").addEventListener("input", () => this.analyse());
    this.$("reply").addEventListener("change", () => { this.anon(); this.showDue(); });
    form.addEventListener("submit", e => { e.preventDefault(); this.submit(); });
    // An error follows what the person types in its field.
    form.addEventListener("input", e => e.target.getAttribute("aria-invalid") && this.check(false));
    this.anon();
    this.count();
    this.shown = {};
    if (this.warming) this.analyse();
    if (this.view === "waiting") this.showWaiting(this.waitReason);
    else if (this.view === "receipt") this.showReceipt(...this.receipt);
  }

  save() {
    if (!this.form) return;
    for (const k of ["text", "name", "email", "phone", "decision"]) this.values[k] = this.$(k).value;
    this.values.reply = this.anonymous ? "no" : "yes";
  }

  get anonymous() {
    return this.$("reply-no").checked;
  }

  anon() {
    const a = this.anonymous;
    this.$("anon").hidden = !a;
    this.$("contact").hidden = a;
    if (a) ["name", "email", "phone"].forEach(k => this.clearError(k));
  }

  count() {
    const n = [...this.$("text").value].length, c = this.$("count");
    c.hidden = n < MAX_TEXT - 1000;
    setText(c, this.t("form.counter", Math.max(0, MAX_TEXT - n)));
  }

  // analyse classifies the text, finds personal data and shows the due
  // date. It shows only what changed, so that screen readers are not told
  // the same thing at every pause in typing.
  async analyse() {
    const api = this.api, text = this.$("text").value, lang = this.lang_;
    let c, appeal;
    if (api) {
      c = api.classify(text);
      if (c.kind === "appeal") appeal = api.appeal(Date.now(), lang, this.$("decision").value);
      this.showPII(text, text ? api.pii(text) : []);
    } else if (api === null && text.trim()) {
      // No WebAssembly: ask the server.
      const body = { text, channel: this.channel, language: lang, anonymous: this.anonymous };
      if (this.$("decision").value) body.decision_received = this.$("decision").value;
      c = await getJSON(this.endpoint + "/classify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!c || text !== this.$("text").value) return;
      if (c.guidance?.appeal_by) appeal = { due: when(c.guidance.appeal_by, lang, 1) };
    }
    const kind = c && c.confidence >= 0.3 && TEXTS.sv["kind." + c.kind] ? c.kind : "";
    this.kind = kind;
    if (kind === "appeal") this.$("decision-field").hidden = false;
    const key = kind + (appeal?.due || "") + (c?.reasons || []).map(r => r.text);
    if (key !== this.shown.guide) {
      this.shown.guide = key;
      this.showGuide(kind, (c?.reasons || []).filter(r => r.kind === kind), appeal);
    }
    this.showDue();
  }

  showGuide(kind, reasons, appeal) {
    const t = this.t, phone = (this.facts?.contacts || []).find(p => p.channel === "phone")?.address;
    const words = [...new Set(reasons.map(r => r.text))].slice(0, 4);
    setText(this.$("guide"), kind && h("div", { class: "fade" },
      h("p", {}, h("strong", {}, t("guide.looks", t("kind." + kind)))),
      h("p", {}, t("guide." + kind)),
      appeal && h("p", {}, h("strong", {}, t("guide.appeal.by", appeal.due))),
      appeal?.from && h("p", {}, appeal.movedFrom ? t("guide.appeal.moved", appeal.movedFrom) : t("guide.appeal.from", appeal.from)),
      phone && (kind === "fault_report" || kind === "damage_claim") && h("p", {}, t("guide.urgent", phone)),
      words.length && h("p", { class: "hint" }, t("guide.because") + " " + words.map(w => "”" + w + "”").join(", "))));
  }

  showPII(text, found) {
    const t = this.t, box = this.$("pii"), live = this.$("pii-live");
    const key = found.map(p => p.start + p.kind + p.end).join();
    if (key === this.shown.pii) return;
    this.shown.pii = key;
    if (!found.length) {
      if (!box.hidden && this.redacted) setText(live, t("pii.removed"));
      box.hidden = true;
      this.redacted = false;
      return;
    }
    // An excerpt around each find, with the find marked.
    const parts = [];
    let at = 0;
    found.forEach((p, i) => {
      const from = Math.max(at, p.start - 30);
      if (from > at) parts.push(" … ");
      at = Math.min(p.end + 30, found[i + 1]?.start ?? text.length);
      parts.push(text.slice(from, p.start), h("mark", {}, text.slice(p.start, p.end)), text.slice(p.end, at));
    });
    if (at < text.length) parts.push(" …");
    const kinds = t("pii.found", [...new Set(found.map(p => TEXTS.sv["pii.kind." + p.kind] ? t("pii.kind." + p.kind) : p.kind))].join(", "));
    const remove = h("button", { type: "button", class: "secondary" }, t("pii.remove"));
    remove.onclick = () => {
      this.$("text").value = this.api.redact(this.$("text").value);
      this.redacted = true;
      this.$("text").focus();
      this.analyse();
    };
    if (box.hidden) setText(live, t("pii.title") + ". " + kinds);
    setText(box, this.heading(t("pii.title"), {}, 1), h("p", {}, t("pii.text") + " " + kinds), h("p", { class: "excerpt" }, parts), remove);
    box.hidden = false;
  }

  showDue() {
    const t = this.t, api = this.api, facts = this.facts;
    let line = "";
    if (this.anonymous) line = t("form.due.anon");
    else if (OWED.includes(this.kind || "") && facts) {
      if (api && this.shown.facts !== facts) this.shown.facts = api.policy(facts).ok ? facts : 0;
      const r = api && this.shown.facts ? api.reply(this.channel, Date.now(), this.lang_) :
        facts.channels?.find(c => c.channel === this.channel)?.reply;
      line = r ? (r.due ? t("form.due.by", r.due) : t("form.due.within", r.limit_text?.[this.lang_] || r.limit)) : t("form.due.soon");
    }
    if (line !== this.shown.due) {
      this.shown.due = line;
      setText(this.$("due"), line && h("p", {}, line));
    }
  }

  // --- validation and submission ---

  setError(k, message) {
    this.$(k).setAttribute("aria-invalid", "true");
    setText(this.$(k + "-error"), message);
    this.$(k + "-error").hidden = false;
  }

  clearError(k) {
    this.$(k).removeAttribute("aria-invalid");
    this.$(k + "-error").hidden = true;
  }

  // check validates the form and shows what is wrong; with focus it also
  // moves focus to the first invalid field.
  check(focus = true) {
    const t = this.t, val = k => this.$(k).value;
    ["text", "name", "email", "phone", "decision"].forEach(k => this.clearError(k));
    const errs = formErrors({ text: val("text"), name: val("name"), email: val("email"), phone: val("phone"), anonymous: this.anonymous })
      .map(([k, key]) => [k, t(key)]);
    this.showErrors(errs, focus);
    return !errs.length;
  }

  showErrors(errs, focus = true) {
    const box = this.$("errors"), key = errs.join("|");
    errs.forEach(([k, m]) => k && this.setError(k, m));
    // The summary is an alert: tell it again only when it changes.
    if (!focus && key === this.shown.errs) return;
    this.shown.errs = key;
    setText(box, errs.length && [
      h("p", {}, h("strong", {}, errs.length === 1 ? this.t("form.errors.one") : this.t("form.errors", errs.length))),
      h("ul", {}, errs.map(([k, m]) => {
        const a = h("a", { href: "#" + this.uid + "-" + (k || "errors") }, m);
        a.onclick = e => { e.preventDefault(); (k ? this.$(k) : box).focus(); };
        return h("li", {}, a);
      }))]);
    if (errs.length && focus) (errs[0][0] && !this.$(errs[0][0]).closest("[hidden]") ? this.$(errs[0][0]) : box).focus();
  }

  async submit() {
    if (this.busy) return;
    setText(this.$("status"));
    if (!this.check()) return;
    this.busy = true;
    this.$("send").setAttribute("aria-disabled", "true");
    setText(this.$("status"), this.t("form.sending"));
    const val = k => this.$(k).value.trim(), anonymous = this.anonymous;
    const body = { text: this.$("text").value, channel: this.channel, language: this.lang_, idempotency_key: uuid() };
    if (!anonymous) {
      body.contact = {};
      for (const k of ["name", "email", "phone"]) if (val(k)) body.contact[k] = val(k);
    }
    if (this.getAttribute("recipient")) body.recipient = this.getAttribute("recipient");
    if (val("decision") && !this.$("decision-field").hidden) body.decision_received = val("decision");
    body[HONEYPOT] = this.$("trap").value;
    body[STAMP] = this.getAttribute("form-stamp") || await stampFor(this.endpoint);
    if (!body[STAMP]) delete body[STAMP];
    const item = { key: body.idempotency_key, endpoint: this.endpoint, body, created: Date.now(), anonymous };
    this.pending = item.key;
    if (writeQueue([...readQueue(), item])) await flush(this.endpoint, 1);
    else {
      // No storage (private browsing, full): send once, outside the queue.
      const r = await send(item);
      this.onQueue(r.ok ? "delivered" : r.retry ? "waiting" : "refused", item, r);
    }
  }

  // onQueue hears what happened to a queued message, sent from this page.
  onQueue(what, item, r) {
    if (item.endpoint !== this.endpoint) return;
    const mine = item.key === this.pending;
    if (mine) {
      this.busy = false;
      this.$("send").removeAttribute("aria-disabled");
    }
    if (what === "delivered" && (mine || this.view === "waiting")) {
      this.pending = null;
      this.form.reset();
      this.save();
      this.showReceipt(r.body, item.anonymous, this.view === "waiting", 1);
    } else if (what === "refused" && (mine || this.view === "waiting")) {
      this.pending = null;
      if (!mine) {
        // A message from an earlier visit: give it back to the person.
        const b = item.body, c = b.contact || {};
        this.values = { ...empty(), text: b.text, reply: c.email || c.phone ? "yes" : "no", ...c, decision: b.decision_received || "" };
        this.form = null;
        this.view = "form";
        this.render();
      }
      const keys = { text: "text", "contact.name": "name", "contact.email": "email", "contact.phone": "phone", decision_received: "decision" };
      this.showForm();
      // The form's own words for an error it knows (as the page shows it),
      // else the server's.
      const t = this.t, own = f => TEXTS.sv[`form.error.${f.field}.${f.code}`] && t(`form.error.${f.field}.${f.code}`);
      this.showErrors(r.fields.map(f => [
        !this.$(keys[f.field] + "-field")?.closest("[hidden]") && keys[f.field] || "",
        f.code === "too_large" ? t("form.error.too_large") : own(f) || f.message?.[this.lang_] || f.message?.sv || t("form.error.server")]));
    } else if (what === "waiting" && (mine || this.view === "waiting")) {
      this.showWaiting(r.busy ? "busy" : "offline", this.view !== "waiting");
    }
  }

  showForm(focus) {
    this.view = "form";
    this.other.hidden = true;
    this.form.hidden = false;
    if (focus) this.$("text").focus();
  }

  // showOther shows the waiting or receipt view instead of the form, and
  // with focus moves focus to its heading.
  showOther(title, focus, ...children) {
    this.form.hidden = true;
    setText(this.other, this.heading(title, { id: this.uid + "-other-title", tabindex: "-1" }), children);
    this.other.hidden = false;
    if (focus) this.other.firstChild.focus();
  }

  showWaiting(reason, focus) {
    const t = this.t, same = this.view === "waiting" && this.shown.wait === reason + this.lang_;
    this.view = "waiting";
    this.waitReason = reason;
    this.shown.wait = reason + this.lang_;
    if (same) return;
    const status = h("p", { class: "status", role: "status" });
    const retry = h("button", { type: "button" }, t("wait.retry"));
    retry.onclick = async () => {
      setText(status, t("wait.retrying"));
      await flush(this.endpoint, 1);
      if (this.view === "waiting") setText(status, t("wait.still"));
    };
    this.showOther(t("wait.title"), focus, h("p", {}, t(reason === "busy" ? "wait.busy" : "wait.offline")),
      h("div", { class: "actions" }, retry), status);
  }

  showReceipt(body, anonymous, earlier, focus) {
    const t = this.t, lang = this.lang_, r = body.receipt || {};
    this.view = "receipt";
    this.receipt = [body, anonymous, earlier];
    const token = String(body.token);
    const again = h("button", { type: "button" }, t("receipt.new"));
    again.onclick = () => {
      this.values = empty();
      this.form = null;
      this.view = "form";
      this.render();
      this.$("text").focus();
    };
    this.showOther(t(earlier ? "receipt.earlier" : "receipt.thanks"), focus,
      typeof r.message === "string" && h("p", {}, r.message),
      h("p", {}, t("receipt.link") + " ", h("a", { class: "token",
        href: (this.getAttribute("status-url") || this.endpoint + "/feedback/{token}").replace("{token}", encodeURIComponent(token)) }, token)),
      h("p", { class: "hint" }, t("receipt.keep")),
      TEXTS.sv["kind." + body.kind] && h("p", {}, t("receipt.registered", t("kind." + body.kind))),
      r.appeal_by && h("p", {}, h("strong", {}, t("receipt.appeal", when(r.appeal_by, lang, 1)))),
      h("p", {}, h("strong", {}, anonymous ? t("receipt.anonymous") : r.due ? t("receipt.due", when(r.due, lang)) : t("form.due.soon"))),
      h("div", { class: "actions" }, again));
  }
}

customElements.get("synpunkt-widget") || customElements.define("synpunkt-widget", SynpunktWidget);
schedule();
