// synpunkt.js: the loader of <synpunkt-widget>, kommunkit's feedback form.
//
//   <script type="module" src="/widget/synpunkt.js"></script>
//   <synpunkt-widget endpoint="/api" lang="sv"></synpunkt-widget>
//
// It renders a complete, accessible form at once, in a shadow root, and
// fetches the WebAssembly half (synpunkt.wasm, Go) lazily, when the form gets
// focus or the page is idle. With the WebAssembly loaded, typing shows what
// kind of message it is, guidance where it belongs, personal data the person
// may not want to send, and the reply due date. Without it the form still
// submits and the server classifies.
//
// Attributes: endpoint (the feedback API, default "/api"), lang ("sv", "fi"
// or "en"; default the page's language, else Swedish), channel (default
// "web"), policy (a policy id passed to GET {endpoint}/policy), recipient,
// status-url (the case status page; "{token}" is replaced, default
// "{endpoint}/feedback/{token}"), form-stamp (the signed form timestamp the
// site renders) and heading-level (2 to 6, default 2).
//
// Security: no text from the person or the server is ever parsed as HTML.
// Every node is built with createElement and textContent.
//
// `make widget` replaces the two marked literals below with the styles and
// the versions of the files this loader fetches.
const CSS = /*@css*/"";
const VERSIONS = /*@versions*/{};

performance.mark("synpunkt:loader");

// Names of the abuse-protection fields in the API's JSON body.
const FIELD = { stamp: "form_stamp", honeypot: "website" };
const MAX_TEXT = 10000;
const MAX_NAME = 200;
const QUEUE_KEY = "synpunkt:queue:v1";
const DEBOUNCE_MS = 300;
const STAMP_MAX_AGE_MS = 23 * 3600 * 1000;

const T = {
  sv: {
    title: "Lämna en synpunkt",
    intro: "Beröm, klagomål eller förslag? Skriv till oss. Vi läser allt som kommer in.",
    text: "Ditt meddelande",
    textHint: "Skriv med dina egna ord. Skriv inte personnummer eller annat känsligt om det inte behövs.",
    left: n => `${n} tecken kvar`,
    reply: "Vill du ha svar?",
    replyYes: "Ja, jag vill ha svar",
    replyNo: "Nej, jag vill vara anonym",
    anon: "Du är anonym. Vi läser ditt meddelande, men vi kan inte svara dig.",
    contactHint: "Fyll i e-post eller telefon, så att vi kan svara dig.",
    name: "Namn (frivilligt)",
    email: "E-post",
    phone: "Telefon",
    decision: "Vilken dag fick du beslutet? (frivilligt)",
    decisionHint: "Då räknar vi ut sista dagen från den dagen.",
    trap: "Lämna det här fältet tomt",
    send: "Skicka",
    sending: "Skickar …",
    errors: n => n === 1 ? "Rätta 1 fel innan du skickar:" : `Rätta ${n} fel innan du skickar:`,
    eText: "Skriv ditt meddelande.",
    eTextLong: "Meddelandet är för långt. Det får vara högst 10 000 tecken.",
    eName: "Namnet är för långt. Det får vara högst 200 tecken.",
    eEmail: "Skriv e-postadressen så här: namn@exempel.se.",
    ePhone: "Skriv telefonnumret med siffror, till exempel 070-123 45 67.",
    eContact: "Fyll i e-post eller telefon, eller välj att vara anonym.",
    eTooLarge: "Meddelandet är för stort för att skicka. Gör det kortare.",
    eServer: "Något gick fel hos oss, så meddelandet kunde inte tas emot. Försök igen om en stund.",
    waitTitle: "Ditt meddelande är sparat och väntar",
    waitOffline: "Vi når inte fram just nu. Meddelandet är sparat i din webbläsare och skickas av sig självt när det går, också om du stänger sidan och öppnar den igen.",
    waitBusy: "Vi har många meddelanden just nu. Ditt meddelande är sparat och skickas om en stund.",
    retryNow: "Försök skicka nu",
    retrying: "Försöker skicka igen …",
    stillWaiting: "Det gick inte heller nu. Vi fortsätter att försöka.",
    thanks: "Tack! Vi har tagit emot ditt meddelande.",
    earlier: "Ditt sparade meddelande har nu kommit fram.",
    caseLabel: "Ditt ärende:",
    caseHint: "Spara länken. Där ser du vad som händer med ditt ärende.",
    registered: k => `Vi har registrerat det som ${k}.`,
    dueBy: d => `Vi svarar senast ${d}.`,
    dueAnon: "Du skickade anonymt, så vi kan inte svara dig.",
    dueNone: "Vi svarar så snart vi kan.",
    another: "Skriv ett nytt meddelande",
    replyBy: d => `Om du skickar nu får du svar senast ${d}.`,
    replyWithin: s => `Vi svarar inom ${s}.`,
    replySoon: "Vi svarar så snart vi kan.",
    noReply: "Du är anonym, så du får inget svar.",
    looks: k => `Det här ser ut som ${k}.`,
    because: "Ord som visar det:",
    guide: {
      praise: "Tack! Vi skickar berömmet till dem det gäller.",
      complaint: "Vi tar klagomål på allvar. Berätta gärna vad som hände och när.",
      suggestion: "Tack för idén! Vi skickar förslaget till dem som kan ta ställning till det.",
      question: "Du kan ställa frågan här, så svarar vi.",
      fault_report: "En felanmälan skickar vi vidare till dem som lagar. Skriv gärna var felet finns.",
      damage_claim: "Vill du ha ersättning för en skada är det ett skadeanspråk. Det har ett eget sätt att handläggas. Skicka meddelandet så hjälper vi dig vidare. Spara kvitton och bilder.",
      appeal: "Vill du överklaga ett beslut är det inte en synpunkt. Skriv ett överklagande till den nämnd som fattade beslutet. Skriv vilket beslut det gäller, vad du vill ändra och varför.",
    },
    urgent: p => `Är det bråttom eller farligt? Ring ${p}.`,
    appealBy: d => `Överklagandet måste ha kommit in senast ${d}.`,
    appealFrom: d => `Det är tre veckor från ${d}.`,
    appealMoved: d => `Tre veckor tar slut ${d}, som inte är en arbetsdag, så sista dagen flyttas till nästa arbetsdag.`,
    piiTitle: "Ditt meddelande innehåller personuppgifter",
    piiText: "Vi har markerat dem här. Ta bort dem om du inte vill skicka dem.",
    piiFound: l => `Hittade: ${l}.`,
    piiRemove: "Ta bort personuppgifterna ur meddelandet",
    piiRemoved: "Personuppgifterna är borttagna ur meddelandet.",
    kinds: { praise: "beröm", complaint: "ett klagomål", suggestion: "ett förslag", question: "en fråga", fault_report: "en felanmälan", damage_claim: "ett skadeanspråk", appeal: "ett överklagande" },
    pii: { personnummer: "personnummer", samordningsnummer: "samordningsnummer", phone: "telefonnummer", email: "e-postadress" },
  },
  fi: {
    title: "Anna palautetta",
    intro: "Kiitos, valitus tai ehdotus? Kirjoita meille. Luemme kaiken, mitä saamme.",
    text: "Viestisi",
    textHint: "Kirjoita omin sanoin. Älä kirjoita henkilötunnusta tai muuta arkaluonteista, jos se ei ole tarpeen.",
    left: n => `${n} merkkiä jäljellä`,
    reply: "Haluatko vastauksen?",
    replyYes: "Kyllä, haluan vastauksen",
    replyNo: "En, haluan pysyä nimettömänä",
    anon: "Olet nimetön. Luemme viestisi, mutta emme voi vastata sinulle.",
    contactHint: "Kirjoita sähköposti tai puhelinnumero, jotta voimme vastata.",
    name: "Nimi (vapaaehtoinen)",
    email: "Sähköposti",
    phone: "Puhelin",
    decision: "Minä päivänä sait päätöksen? (vapaaehtoinen)",
    decisionHint: "Silloin laskemme viimeisen päivän siitä päivästä.",
    trap: "Jätä tämä kenttä tyhjäksi",
    send: "Lähetä",
    sending: "Lähetetään …",
    errors: n => n === 1 ? "Korjaa 1 virhe ennen lähettämistä:" : `Korjaa ${n} virhettä ennen lähettämistä:`,
    eText: "Kirjoita viestisi.",
    eTextLong: "Viesti on liian pitkä. Se saa olla enintään 10 000 merkkiä.",
    eName: "Nimi on liian pitkä. Se saa olla enintään 200 merkkiä.",
    eEmail: "Kirjoita sähköpostiosoite näin: nimi@esimerkki.fi.",
    ePhone: "Kirjoita puhelinnumero numeroina, esimerkiksi 070-123 45 67.",
    eContact: "Kirjoita sähköposti tai puhelinnumero, tai valitse nimetön.",
    eTooLarge: "Viesti on liian suuri lähetettäväksi. Lyhennä sitä.",
    eServer: "Meillä tapahtui virhe, eikä viestiä voitu vastaanottaa. Yritä hetken päästä uudelleen.",
    waitTitle: "Viestisi on tallennettu ja odottaa",
    waitOffline: "Yhteys ei toimi juuri nyt. Viesti on tallennettu selaimeesi ja lähtee itsestään, kun se onnistuu, myös jos suljet sivun ja avaat sen uudelleen.",
    waitBusy: "Meillä on juuri nyt paljon viestejä. Viestisi on tallennettu ja lähtee hetken päästä.",
    retryNow: "Yritä lähettää nyt",
    retrying: "Yritetään lähettää uudelleen …",
    stillWaiting: "Ei onnistunut nytkään. Yritämme edelleen.",
    thanks: "Kiitos! Olemme vastaanottaneet viestisi.",
    earlier: "Tallennettu viestisi on nyt perillä.",
    caseLabel: "Asiasi:",
    caseHint: "Tallenna linkki. Siitä näet, mitä asiallesi tapahtuu.",
    registered: k => `Olemme kirjanneet sen: ${k}.`,
    dueBy: d => `Vastaamme viimeistään ${d}.`,
    dueAnon: "Lähetit viestin nimettömänä, joten emme voi vastata sinulle.",
    dueNone: "Vastaamme niin pian kuin voimme.",
    another: "Kirjoita uusi viesti",
    replyBy: d => `Jos lähetät nyt, saat vastauksen viimeistään ${d}.`,
    replyWithin: s => `Vastaamme ${s} kuluessa.`,
    replySoon: "Vastaamme niin pian kuin voimme.",
    noReply: "Olet nimetön, joten et saa vastausta.",
    looks: k => `Tämä näyttää olevan ${k}.`,
    because: "Sanat, joista sen näkee:",
    guide: {
      praise: "Kiitos! Välitämme kiitoksen niille, joita se koskee.",
      complaint: "Otamme valitukset vakavasti. Kerro mielellään, mitä tapahtui ja milloin.",
      suggestion: "Kiitos ideasta! Välitämme ehdotuksen niille, jotka voivat ottaa siihen kantaa.",
      question: "Voit kysyä tässä, niin vastaamme.",
      fault_report: "Vikailmoituksen välitämme korjaajille. Kirjoita mielellään, missä vika on.",
      damage_claim: "Jos haluat korvausta vahingosta, se on vahingonkorvausvaatimus. Se käsitellään omalla tavallaan. Lähetä viesti, niin autamme eteenpäin. Säilytä kuitit ja kuvat.",
      appeal: "Jos haluat valittaa päätöksestä, se ei ole palautetta. Kirjoita valitus lautakunnalle, joka teki päätöksen. Kerro, mitä päätöstä se koskee, mitä haluat muuttaa ja miksi.",
    },
    urgent: p => `Onko asia kiireellinen tai vaarallinen? Soita ${p}.`,
    appealBy: d => `Valituksen on oltava perillä viimeistään ${d}.`,
    appealFrom: d => `Se on kolme viikkoa päivästä ${d}.`,
    appealMoved: d => `Kolme viikkoa päättyy ${d}, joka ei ole arkipäivä, joten viimeinen päivä siirtyy seuraavaan arkipäivään.`,
    piiTitle: "Viestissäsi on henkilötietoja",
    piiText: "Olemme merkinneet ne tähän. Poista ne, jos et halua lähettää niitä.",
    piiFound: l => `Löytyi: ${l}.`,
    piiRemove: "Poista henkilötiedot viestistä",
    piiRemoved: "Henkilötiedot on poistettu viestistä.",
    kinds: { praise: "kiitos", complaint: "valitus", suggestion: "ehdotus", question: "kysymys", fault_report: "vikailmoitus", damage_claim: "vahingonkorvausvaatimus", appeal: "valitus päätöksestä" },
    pii: { personnummer: "henkilötunnus", samordningsnummer: "yhteensovittamisnumero", phone: "puhelinnumero", email: "sähköpostiosoite" },
  },
  en: {
    title: "Give feedback",
    intro: "Praise, a complaint or a suggestion? Write to us. We read everything we get.",
    text: "Your message",
    textHint: "Use your own words. Do not write your personal identity number or anything sensitive unless you need to.",
    left: n => `${n} characters left`,
    reply: "Do you want a reply?",
    replyYes: "Yes, I want a reply",
    replyNo: "No, I want to stay anonymous",
    anon: "You are anonymous. We read your message, but we cannot reply to you.",
    contactHint: "Give an e-mail address or a phone number, so that we can reply.",
    name: "Name (optional)",
    email: "E-mail",
    phone: "Phone",
    decision: "On what day did you get the decision? (optional)",
    decisionHint: "Then we count the last day from that day.",
    trap: "Leave this field empty",
    send: "Send",
    sending: "Sending …",
    errors: n => n === 1 ? "Correct 1 error before you send:" : `Correct ${n} errors before you send:`,
    eText: "Write your message.",
    eTextLong: "The message is too long. It can be at most 10,000 characters.",
    eName: "The name is too long. It can be at most 200 characters.",
    eEmail: "Write the e-mail address like this: name@example.com.",
    ePhone: "Write the phone number in digits, for example 070-123 45 67.",
    eContact: "Give an e-mail address or a phone number, or choose to be anonymous.",
    eTooLarge: "The message is too large to send. Make it shorter.",
    eServer: "Something went wrong on our side, so the message could not be received. Please try again in a while.",
    waitTitle: "Your message is saved and waiting",
    waitOffline: "We cannot reach the server right now. Your message is saved in your browser and will be sent by itself when it can, even if you close the page and open it again.",
    waitBusy: "We are getting many messages right now. Your message is saved and will be sent in a while.",
    retryNow: "Try to send now",
    retrying: "Trying to send again …",
    stillWaiting: "That did not work either. We will keep trying.",
    thanks: "Thank you! We have received your message.",
    earlier: "Your saved message has now been delivered.",
    caseLabel: "Your case:",
    caseHint: "Keep the link. It shows what happens with your case.",
    registered: k => `We have registered it as ${k}.`,
    dueBy: d => `We will reply by ${d}.`,
    dueAnon: "You sent it anonymously, so we cannot reply to you.",
    dueNone: "We will reply as soon as we can.",
    another: "Write a new message",
    replyBy: d => `If you send it now, you will get a reply by ${d}.`,
    replyWithin: s => `We reply within ${s}.`,
    replySoon: "We will reply as soon as we can.",
    noReply: "You are anonymous, so you will not get a reply.",
    looks: k => `This looks like ${k}.`,
    because: "Words that show it:",
    guide: {
      praise: "Thank you! We will pass the praise on to the people it is about.",
      complaint: "We take complaints seriously. Please tell us what happened and when.",
      suggestion: "Thank you for the idea! We will pass the suggestion on to the people who can decide on it.",
      question: "You can ask your question here, and we will answer.",
      fault_report: "We pass fault reports on to the people who repair things. Please say where the fault is.",
      damage_claim: "If you want compensation for damage, that is a damage claim. It is handled in its own way. Send the message and we will help you on. Keep receipts and photos.",
      appeal: "If you want to appeal a decision, that is not feedback. Write an appeal to the committee that made the decision. Say which decision it is, what you want changed and why.",
    },
    urgent: p => `Is it urgent or dangerous? Call ${p}.`,
    appealBy: d => `Your appeal must arrive by ${d} at the latest.`,
    appealFrom: d => `That is three weeks from ${d}.`,
    appealMoved: d => `Three weeks end on ${d}, which is not a working day, so the last day moves to the next working day.`,
    piiTitle: "Your message contains personal data",
    piiText: "We have marked it here. Remove it if you do not want to send it.",
    piiFound: l => `Found: ${l}.`,
    piiRemove: "Remove the personal data from the message",
    piiRemoved: "The personal data has been removed from the message.",
    kinds: { praise: "praise", complaint: "a complaint", suggestion: "a suggestion", question: "a question", fault_report: "a fault report", damage_claim: "a damage claim", appeal: "an appeal" },
    pii: { personnummer: "personal identity number", samordningsnummer: "co-ordination number", phone: "phone number", email: "e-mail address" },
  },
};

// --- small DOM helpers: never parse markup ---------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v == null) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

function setText(el, ...children) {
  el.replaceChildren(...children.flat().filter(c => c != null && c !== false)
    .map(c => typeof c === "string" ? document.createTextNode(c) : c));
}

function langOf(el) {
  const raw = el.getAttribute("lang") || el.closest("[lang]")?.getAttribute("lang") ||
    document.documentElement.getAttribute("lang") || "sv";
  const l = raw.trim().toLowerCase().slice(0, 2);
  return T[l] ? l : "sv";
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map(v => v.toString(16).padStart(2, "0")).join("");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const dateFormats = {};
function formatTime(iso, lang) {
  const d = new Date(iso);
  if (isNaN(d)) return null;
  const f = dateFormats[lang] ??= new Intl.DateTimeFormat({ sv: "sv-SE", fi: "fi-FI", en: "en-GB" }[lang],
    { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Stockholm" });
  return f.format(d);
}

// Plausibility checks, mirroring feedback.ValidEmail and feedback.ValidPhone;
// the server has the last word and its errors are shown on the same fields.
function validEmail(s) {
  const at = s.indexOf("@");
  if (at < 1 || at !== s.lastIndexOf("@")) return false;
  const local = s.slice(0, at), domain = s.slice(at + 1);
  if (new TextEncoder().encode(local).length > 64 || /[\s\p{Cc}]/u.test(local)) return false;
  const labels = domain.split(".");
  return labels.length >= 2 && labels.every(l => /^[\p{L}\p{N}-]+$/u.test(l)) &&
    /^\p{L}{2,}$/u.test(labels[labels.length - 1]);
}

function validPhone(s) {
  if (!/^\+?[0-9 .()-]+$/.test(s) || (s.match(/\(/g) || []).length > 1) return false;
  if (s.includes("(") !== s.includes(")")) return false;
  const digits = s.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return false;
  return s.startsWith("+") || s.replace(/^\(/, "").startsWith("0");
}

// --- the WebAssembly half, shared by every widget on the page ---------------

let wasmPromise = null;
function loadWasm() {
  return wasmPromise ??= (async () => {
    const base = new URL(".", import.meta.url);
    const v = name => new URL(name + (VERSIONS[name] ? "?v=" + VERSIONS[name] : ""), base);
    await import(v("wasm_exec.js").href);
    const go = new globalThis.Go();
    const booted = new Promise(resolve => { globalThis.__synpunktBoot = resolve; });
    let result;
    try {
      result = await WebAssembly.instantiateStreaming(fetch(v("synpunkt.wasm")), go.importObject);
    } catch (err) {
      if (err instanceof WebAssembly.CompileError && /wasm-unsafe-eval|Content Security/i.test(err.message)) throw err;
      const res = await fetch(v("synpunkt.wasm"));
      if (!res.ok) throw new Error("synpunkt.wasm: " + res.status);
      result = await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);
    }
    go.run(result.instance);
    const api = await booted;
    performance.mark("synpunkt:wasm");
    return api;
  })();
}

const policies = {};
function loadPolicy(url) {
  return policies[url] ??= fetch(url, { headers: { accept: "application/json" } })
    .then(r => r.ok ? r.json() : null).catch(() => null);
}

// --- the offline queue: submissions wait in localStorage until delivered ----

function readQueue() {
  try {
    const q = JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
    return Array.isArray(q) ? q : [];
  } catch { return []; }
}

function writeQueue(q) {
  try { localStorage.setItem(QUEUE_KEY, JSON.stringify(q)); return true; } catch { return false; }
}

function updateQueue(fn) {
  const q = fn(readQueue());
  writeQueue(q);
  return q;
}

function withLock(fn) {
  return navigator.locks?.request ? navigator.locks.request(QUEUE_KEY, fn) : fn();
}

// send posts one queued item. It returns {ok, body} when delivered (201, or
// 200 for a retry of a message already delivered), {errors} when the server
// refuses the message itself, and {retry, wait} when it should be tried again.
async function send(item) {
  let res;
  try {
    res = await fetch(item.endpoint + "/feedback", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(item.body),
      credentials: "same-origin",
    });
  } catch {
    return { retry: true, offline: true };
  }
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (res.status === 200 || res.status === 201) return body && body.token ? { ok: true, body } : { retry: true };
  if (res.status === 400 && body && Array.isArray(body.errors)) {
    const own = body.errors.filter(e => e.field !== FIELD.stamp);
    if (own.length === 0 && item.body[FIELD.stamp] !== undefined) {
      // Only the form stamp was refused (too fresh or too old): send as a
      // plain API client, which the API rate-limits but does not refuse.
      delete item.body[FIELD.stamp];
      return { retry: true, wait: 0 };
    }
    return { errors: own.length ? own : body.errors };
  }
  if (res.status === 413) return { errors: [{ field: "text", code: "too_large" }] };
  if (res.status === 400 || res.status === 415) return { errors: [{ field: "", code: "server" }] };
  const after = Number(res.headers.get("retry-after"));
  return { retry: true, busy: res.status === 429, wait: after > 0 ? after * 1000 : undefined };
}

const inflight = new Set();
const listeners = new Set();

// flush tries every waiting item for endpoint once, and tells the widgets.
function flush(endpoint) {
  return withLock(async () => {
    for (const item of readQueue()) {
      if (item.endpoint !== endpoint || inflight.has(item.key)) continue;
      if (item.due && item.due > Date.now() && !item.force) continue;
      if (item.body[FIELD.stamp] !== undefined && Date.now() - item.created > STAMP_MAX_AGE_MS) {
        delete item.body[FIELD.stamp];
      }
      inflight.add(item.key);
      let r;
      try { r = await send(item); } finally { inflight.delete(item.key); }
      if (r.retry) {
        const attempts = (item.attempts || 0) + 1;
        const backoff = r.wait ?? Math.min(300000, 2000 * 2 ** Math.min(attempts, 8)) * (0.75 + Math.random() / 2);
        updateQueue(q => q.map(x => x.key === item.key ? { ...x, body: item.body, attempts, due: Date.now() + backoff, force: false } : x));
        if (r.wait === 0) continue;
      } else {
        updateQueue(q => q.filter(x => x.key !== item.key));
      }
      listeners.forEach(l => l(r.retry ? "waiting" : r.ok ? "delivered" : "refused", item, r));
    }
  });
}

let timer = 0;
function schedule() {
  clearTimeout(timer);
  const q = readQueue();
  if (!q.length) return;
  const next = Math.min(...q.map(x => x.due || 0));
  timer = setTimeout(() => {
    new Set(readQueue().map(x => x.endpoint)).forEach(e => flush(e).then(schedule));
  }, Math.max(0, next - Date.now()));
}

function retryAll() {
  updateQueue(q => q.map(x => ({ ...x, due: 0 })));
  new Set(readQueue().map(x => x.endpoint)).forEach(e => flush(e).then(schedule));
}
addEventListener("online", retryAll);
addEventListener("storage", e => { if (e.key === QUEUE_KEY) schedule(); });

// --- the element -------------------------------------------------------------

let nextId = 0;

class SynpunktWidget extends HTMLElement {
  static observedAttributes = ["lang", "endpoint", "channel", "policy", "heading-level"];

  constructor() {
    super();
    this.uid = "sp" + (nextId++);
    this.values = { text: "", reply: "yes", name: "", email: "", phone: "", decision: "", trap: "" };
    this.view = "form";
    this.analysis = null;
    this.onQueue = this.onQueue.bind(this);
  }

  get endpoint() {
    const e = (this.getAttribute("endpoint") || "/api").replace(/\/+$/, "");
    return new URL(e, document.baseURI).href;
  }

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: "open", delegatesFocus: false });
      if (CSS && root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet.prototype.replaceSync === "function") {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } else if (CSS) {
        root.append(h("style", {}, CSS));
      }
    }
    this.lang_ = langOf(this);
    this.render();
    performance.mark("synpunkt:interactive");
    listeners.add(this.onQueue);
    this.pageLang = new MutationObserver(() => this.relang());
    this.pageLang.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    // Load the WebAssembly on focus, or when the page is idle.
    this.addEventListener("focusin", () => this.warm(), { once: true });
    if (globalThis.requestIdleCallback) requestIdleCallback(() => this.warm(), { timeout: 4000 });
    else setTimeout(() => this.warm(), 1500);
    // Deliver what an earlier visit left waiting.
    const waiting = readQueue().filter(x => x.endpoint === this.endpoint);
    if (waiting.length) {
      this.pending = waiting[waiting.length - 1].key;
      this.showWaiting("offline", false);
      flush(this.endpoint).then(schedule);
    }
  }

  disconnectedCallback() {
    listeners.delete(this.onQueue);
    this.pageLang?.disconnect();
  }

  attributeChangedCallback(name, old, value) {
    if (!this.shadowRoot || old === value) return;
    if (name === "lang") this.relang();
    else if (name === "heading-level") this.render();
    else {
      this.facts = undefined;
      this.warming = null;
      this.warm();
    }
  }

  relang() {
    const l = langOf(this);
    if (l === this.lang_) return;
    this.lang_ = l;
    this.render();
  }

  get t() { return T[this.lang_]; }

  // warm fetches the policy and the WebAssembly, once.
  warm() {
    return this.warming ??= this.load();
  }

  async load() {
    const p = this.getAttribute("policy");
    const url = this.endpoint + "/policy" + (p ? "?policy=" + encodeURIComponent(p) : "");
    const policy = loadPolicy(url).then(f => { this.facts = f; });
    try {
      this.api = await loadWasm();
    } catch (err) {
      this.api = null;
      console.warn("synpunkt: the WebAssembly did not load; the server will classify.", err);
    }
    await policy;
    this.analyse();
  }

  // heading makes the widget's heading, or with sub one level below it.
  heading(text, attrs, sub) {
    const n = Number(this.getAttribute("heading-level"));
    return h("h" + Math.min(6, (n >= 2 && n <= 6 ? n : 2) + (sub ? 1 : 0)), attrs, text);
  }

  // render builds the whole shadow tree for the current language and view,
  // keeping what the person has typed.
  render() {
    const t = this.t, id = s => this.uid + "-" + s, v = this.values;
    this.saveValues();
    const field = (key, label, input, hint) => h("div", { class: "field", id: id(key + "-field") },
      h("label", { for: id(key) }, label),
      hint ? h("p", { class: "hint", id: id(key + "-hint") }, hint) : null,
      input,
      h("p", { class: "error", id: id(key + "-error"), hidden: true }));
    const describe = (key, hint) => [hint ? id(key + "-hint") : "", id(key + "-error")].join(" ").trim();
    const input = (key, type, auto, extra) => h("input", {
      id: id(key), name: key, type, autocomplete: auto, "aria-describedby": describe(key, false), ...extra });

    const text = h("textarea", { id: id("text"), name: "text", rows: 7, required: true, "aria-required": "true",
      "aria-describedby": [describe("text", true), id("count")].join(" ") });
    const count = h("p", { class: "counter", id: id("count"), hidden: true });
    const radios = h("fieldset", { id: id("reply-field") },
      h("legend", {}, t.reply),
      ...[["yes", t.replyYes], ["no", t.replyNo]].map(([val, lab]) => h("div", { class: "choice" },
        h("input", { type: "radio", name: id("reply"), id: id("reply-" + val), value: val }),
        h("label", { for: id("reply-" + val) }, lab))));
    const anon = h("div", { class: "note", id: id("anon"), hidden: true }, h("p", {}, t.anon));
    const contact = h("div", { id: id("contact") },
      h("p", { class: "hint", id: id("contact-hint") }, t.contactHint),
      field("name", t.name, input("name", "text", "name", { maxlength: MAX_NAME * 2 })),
      field("email", t.email, input("email", "email", "email", { inputmode: "email", spellcheck: "false" })),
      field("phone", t.phone, input("phone", "tel", "tel", { inputmode: "tel" })));
    const decision = field("decision", t.decision, input("decision", "date", "off",
      { "aria-describedby": describe("decision", true) }), t.decisionHint);
    decision.hidden = true;
    const trap = h("div", { class: "vh", "aria-hidden": "true" },
      h("label", { for: id("trap") }, t.trap),
      h("input", { id: id("trap"), name: FIELD.honeypot, type: "text", tabindex: "-1", autocomplete: "off" }));

    this.el = {
      errors: h("div", { class: "errors", id: id("errors"), role: "alert", tabindex: "-1" }),
      text, count, radios, anon, contact, decision, trap,
      guide: h("div", { class: "guide", id: id("guide"), "aria-live": "polite" }),
      pii: h("div", { class: "pii", id: id("pii"), hidden: true }),
      piiLive: h("p", { class: "vh", "aria-live": "polite" }),
      due: h("div", { class: "due", id: id("due"), "aria-live": "polite" }),
      submit: h("button", { type: "submit" }, t.send),
      status: h("p", { class: "status", role: "status", "aria-live": "polite" }),
      name: null, email: null, phone: null,
    };
    this.el.name = contact.querySelector("#" + id("name"));
    this.el.email = contact.querySelector("#" + id("email"));
    this.el.phone = contact.querySelector("#" + id("phone"));
    this.el.decisionInput = decision.querySelector("input");

    this.el.form = h("form", { novalidate: true, "aria-labelledby": id("title") },
      this.heading(t.title, { id: id("title") }),
      h("p", {}, t.intro),
      this.el.errors,
      field("text", t.text, [text, count], t.textHint),
      this.el.guide,
      this.el.pii, this.el.piiLive,
      decision,
      radios, anon, contact,
      this.el.due,
      trap,
      this.el.submit,
      this.el.status);
    this.el.other = h("section", { class: "receipt", hidden: true, "aria-labelledby": id("other-title") });
    const root = h("div", { class: "sp", lang: this.lang_ }, this.el.form, this.el.other);
    this.shadowRoot.replaceChildren(root);

    text.value = v.text;
    this.el.name.value = v.name;
    this.el.email.value = v.email;
    this.el.phone.value = v.phone;
    this.el.decisionInput.value = v.decision;
    radios.querySelector(`input[value=${v.reply === "no" ? "no" : "yes"}]`).checked = true;

    text.addEventListener("input", () => { this.updateCount(); this.debounce(); });
    radios.addEventListener("change", () => { this.toggleAnon(); this.showDue(); });
    this.el.form.addEventListener("submit", e => { e.preventDefault(); this.submit(); });
    for (const k of ["name", "email", "phone"]) {
      this.el[k].addEventListener("blur", () => { if (this.el[k].getAttribute("aria-invalid")) this.check(false); });
    }
    this.toggleAnon();
    this.updateCount();
    this.shown = {};
    if (this.analysis !== null) this.analyse();
    if (this.view === "waiting") this.showWaiting(this.waitReason || "offline", false);
    else if (this.view === "receipt" && this.receipt) this.showReceipt(this.receipt.body, this.receipt.anonymous, this.receipt.earlier, false);
  }

  saveValues() {
    const e = this.el;
    if (!e) return;
    Object.assign(this.values, {
      text: e.text.value, name: e.name.value, email: e.email.value, phone: e.phone.value,
      decision: e.decisionInput.value,
      reply: e.radios.querySelector("input:checked")?.value || "yes",
    });
  }

  get anonymous() {
    return this.el.radios.querySelector("input:checked")?.value === "no";
  }

  toggleAnon() {
    const a = this.anonymous;
    this.el.anon.hidden = !a;
    this.el.contact.hidden = a;
    if (a) for (const k of ["name", "email", "phone"]) this.clearError(k);
  }

  updateCount() {
    const n = [...this.el.text.value].length;
    this.el.count.hidden = n < MAX_TEXT - 1000;
    setText(this.el.count, this.t.left(Math.max(0, MAX_TEXT - n)));
  }

  debounce() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.analyse(), DEBOUNCE_MS);
    this.warm();
  }

  // analyse classifies the text, finds personal data and shows the due date,
  // with the WebAssembly. It shows only what changed, so that screen readers
  // are not told the same thing at every keystroke.
  analyse() {
    const api = this.api, text = this.el.text.value;
    this.analysis = true;
    this.showDue();
    if (!api) return;
    const c = api.classify(text);
    const kind = c.kind && c.confidence >= 0.3 ? c.kind : "";
    let appeal = null;
    if (kind === "appeal") {
      appeal = api.appeal(Date.now(), this.lang_, this.el.decisionInput.value);
    }
    this.el.decision.hidden = kind !== "appeal" && !this.el.decisionInput.value;
    const key = kind + "|" + (appeal ? appeal.due : "") + "|" + c.reasons.map(r => r.text).join(",");
    if (key !== this.shown.guide) {
      this.shown.guide = key;
      this.showGuide(kind, c.reasons.filter(r => r.kind === kind), appeal);
    }
    const pii = text ? api.pii(text) : [];
    const pkey = pii.map(p => p.kind + p.start + ":" + p.end).join(",");
    if (pkey !== this.shown.pii) {
      this.shown.pii = pkey;
      this.showPII(text, pii);
    }
  }

  showGuide(kind, reasons, appeal) {
    const t = this.t, g = this.el.guide;
    if (!kind) { setText(g); return; }
    const phone = this.contactPoint("phone");
    const lines = [h("p", {}, h("strong", {}, t.looks(t.kinds[kind]))), h("p", {}, t.guide[kind])];
    if (appeal) {
      lines.push(h("p", {}, h("strong", {}, t.appealBy(appeal.due))));
      lines.push(h("p", {}, appeal.movedFrom ? t.appealMoved(appeal.movedFrom) : t.appealFrom(appeal.from)));
    }
    if ((kind === "fault_report" || kind === "damage_claim") && phone) lines.push(h("p", {}, t.urgent(phone)));
    const words = [...new Set(reasons.map(r => r.text).filter(Boolean))].slice(0, 4);
    if (words.length) lines.push(h("p", { class: "hint" }, t.because + " ", words.map(w => "”" + w + "”").join(", ")));
    setText(g, h("div", { class: "fade" }, lines));
  }

  contactPoint(channel) {
    const points = this.facts?.contacts?.points;
    if (!Array.isArray(points)) return "";
    const p = points.find(x => x && x.channel === channel && typeof x.address === "string");
    return p ? p.address : "";
  }

  showPII(text, found) {
    const t = this.t, box = this.el.pii;
    if (!found.length) {
      const had = !box.hidden;
      box.hidden = true;
      setText(box);
      if (had && this.redacted) setText(this.el.piiLive, t.piiRemoved);
      this.redacted = false;
      return;
    }
    // An excerpt around each find, with the find marked: text nodes only.
    const parts = [];
    let last = 0;
    for (const p of found) {
      const from = Math.max(last, p.start - 30);
      if (from > last) parts.push(last === 0 && from > 0 ? "… " : " … ");
      parts.push(text.slice(from, p.start), h("mark", {}, text.slice(p.start, p.end)));
      last = p.end;
      const next = found[found.indexOf(p) + 1];
      const to = Math.min(text.length, p.end + 30, next ? next.start : Infinity);
      parts.push(text.slice(p.end, to));
      last = to;
    }
    if (last < text.length) parts.push(" …");
    const kinds = [...new Set(found.map(p => t.pii[p.kind] || p.kind))].join(", ");
    const remove = h("button", { type: "button", class: "secondary" }, t.piiRemove);
    remove.addEventListener("click", () => {
      this.el.text.value = this.api.redact(this.el.text.value);
      this.redacted = true;
      this.el.text.focus();
      this.analyse();
    });
    setText(box,
      this.heading(t.piiTitle, {}, true),
      h("p", {}, t.piiText + " " + t.piiFound(kinds)),
      h("p", { class: "excerpt" }, parts),
      remove);
    if (box.hidden) setText(this.el.piiLive, t.piiTitle + ". " + t.piiFound(kinds));
    box.hidden = false;
  }

  showDue() {
    const t = this.t;
    let line = "";
    if (this.anonymous) line = t.noReply;
    else if (this.api && this.facts) {
      if (!this.shown.facts || this.shown.facts !== this.facts) {
        const r = this.api.policy(this.facts);
        this.shown.facts = r.ok ? this.facts : null;
      }
      const ch = this.getAttribute("channel") || "web";
      const r = this.shown.facts ? this.api.reply(ch, Date.now(), this.lang_) : null;
      line = r ? (r.due ? t.replyBy(r.due) : t.replySoon) : "";
    }
    if (line !== this.shown.due) {
      this.shown.due = line;
      setText(this.el.due, line ? h("p", {}, line) : null);
    }
  }

  // --- validation and submission ---

  setError(key, message) {
    const input = key === "text" ? this.el.text : key === "decision" ? this.el.decisionInput : this.el[key];
    const err = this.shadowRoot.getElementById(this.uid + "-" + key + "-error");
    if (!input || !err) return false;
    input.setAttribute("aria-invalid", "true");
    setText(err, message);
    err.hidden = false;
    return true;
  }

  clearError(key) {
    const input = key === "text" ? this.el.text : key === "decision" ? this.el.decisionInput : this.el[key];
    const err = this.shadowRoot.getElementById(this.uid + "-" + key + "-error");
    input?.removeAttribute("aria-invalid");
    if (err) { err.hidden = true; setText(err); }
  }

  // check validates the form; with summary it lists the errors and moves
  // focus to the first invalid field.
  check(summary = true) {
    const t = this.t, e = this.el, errs = [];
    for (const k of ["text", "name", "email", "phone", "decision"]) this.clearError(k);
    const text = e.text.value;
    if (!text.trim()) errs.push(["text", t.eText]);
    else if ([...text].length > MAX_TEXT) errs.push(["text", t.eTextLong]);
    if (!this.anonymous) {
      const email = e.email.value.trim(), phone = e.phone.value.trim();
      if ([...e.name.value.trim()].length > MAX_NAME) errs.push(["name", t.eName]);
      if (email && !validEmail(email)) errs.push(["email", t.eEmail]);
      if (phone && !validPhone(phone)) errs.push(["phone", t.ePhone]);
      if (!email && !phone) errs.push(["email", t.eContact]);
    }
    this.showErrors(errs, summary);
    return errs.length === 0;
  }

  showErrors(errs, summary = true) {
    const t = this.t;
    for (const [k, m] of errs) this.setError(k, m);
    if (!summary) return;
    if (!errs.length) { setText(this.el.errors); return; }
    const items = errs.map(([k, m]) => {
      const a = h("a", { href: "#" + this.uid + "-" + k }, m);
      a.addEventListener("click", ev => { ev.preventDefault(); this.focusField(k); });
      return h("li", {}, a);
    });
    setText(this.el.errors, h("p", {}, h("strong", {}, t.errors(errs.length))), h("ul", {}, items));
    this.focusField(errs[0][0]);
  }

  focusField(k) {
    const input = k === "text" ? this.el.text : k === "decision" ? this.el.decisionInput : this.el[k];
    (input && !input.closest("[hidden]") ? input : this.el.errors).focus();
  }

  async submit() {
    if (this.busy) return;
    setText(this.el.status);
    if (!this.check()) return;
    const e = this.el, anonymous = this.anonymous;
    const body = {
      text: e.text.value,
      channel: this.getAttribute("channel") || "web",
      language: this.lang_,
      idempotency_key: uuid(),
    };
    if (!anonymous) {
      const contact = {};
      for (const k of ["name", "email", "phone"]) if (e[k].value.trim()) contact[k] = e[k].value.trim();
      body.contact = contact;
    }
    const recipient = this.getAttribute("recipient");
    if (recipient) body.recipient = recipient;
    if (e.decisionInput.value && !this.el.decision.hidden) body.decision_received = e.decisionInput.value;
    const stamp = this.getAttribute("form-stamp");
    if (stamp) body[FIELD.stamp] = stamp;
    body[FIELD.honeypot] = e.trap.querySelector("input").value;

    const item = { key: body.idempotency_key, endpoint: this.endpoint, body, created: Date.now(), attempts: 0, anonymous };
    this.pending = item.key;
    this.busy = true;
    e.submit.setAttribute("aria-disabled", "true");
    setText(e.status, this.t.sending);
    if (!writeQueue([...readQueue(), item])) {
      // No storage (private mode, full): send once, without the queue.
      const r = await send(item);
      this.busy = false;
      this.onQueue(r.ok ? "delivered" : r.retry ? "waiting" : "refused", item, r);
      return;
    }
    await flush(this.endpoint);
    this.busy = false;
    schedule();
  }

  // onQueue hears what happened to a queued item, in this page or another.
  onQueue(what, item, r) {
    if (item.endpoint !== this.endpoint) return;
    const mine = item.key === this.pending;
    this.busy = false;
    this.el.submit.removeAttribute("aria-disabled");
    if (what === "delivered") {
      if (!mine && this.view === "form") return;
      this.pending = null;
      const earlier = this.view === "waiting" || !mine;
      this.values = { text: "", reply: "yes", name: "", email: "", phone: "", decision: "", trap: "" };
      this.showReceipt(r.body, item.anonymous ?? !item.body.contact, earlier, true);
    } else if (what === "refused" && mine) {
      this.pending = null;
      this.showForm(false);
      const t = this.t, errs = r.errors.map(x => {
        const k = { text: "text", "contact.name": "name", "contact.email": "email", "contact.phone": "phone", decision_received: "decision" }[x.field];
        const msg = x.code === "too_large" ? t.eTooLarge : x.code === "server" ? t.eServer :
          x["message_" + this.lang_] || x.message || t.eServer;
        return [k && this.el[k === "text" ? "text" : k === "decision" ? "decisionInput" : k] ? k : "", msg];
      });
      const fieldErrs = errs.filter(x => x[0]);
      if (fieldErrs.length) this.showErrors(fieldErrs);
      else { setText(this.el.status, errs.map(x => x[1]).join(" ")); }
    } else if (what === "waiting" && (mine || this.view === "waiting")) {
      this.showWaiting(r.busy ? "busy" : "offline", this.view !== "waiting");
    }
  }

  showForm(focus) {
    this.view = "form";
    this.el.other.hidden = true;
    this.el.form.hidden = false;
    setText(this.el.other);
    if (focus) this.el.text.focus();
  }

  showWaiting(reason, focus) {
    const t = this.t;
    const wasWaiting = this.view === "waiting";
    this.view = "waiting";
    this.waitReason = reason;
    this.el.form.hidden = true;
    const title = this.heading(t.waitTitle, { id: this.uid + "-other-title", tabindex: "-1" });
    const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
    const retry = h("button", { type: "button" }, t.retryNow);
    retry.addEventListener("click", async () => {
      setText(status, t.retrying);
      updateQueue(q => q.map(x => x.endpoint === this.endpoint ? { ...x, due: 0, force: true } : x));
      await flush(this.endpoint);
      schedule();
      if (this.view === "waiting") setText(status, t.stillWaiting);
    });
    if (!wasWaiting || !this.el.other.firstChild || this.el.other.dataset.reason !== reason || this.el.other.lang !== this.lang_) {
      this.el.other.className = "waiting";
      this.el.other.dataset.reason = reason;
      this.el.other.lang = this.lang_;
      setText(this.el.other, title, h("p", {}, reason === "busy" ? t.waitBusy : t.waitOffline),
        h("div", { class: "actions" }, retry), status);
    }
    this.el.other.hidden = false;
    if (focus) this.el.other.querySelector("[tabindex='-1']").focus();
  }

  showReceipt(body, anonymous, earlier, focus) {
    const t = this.t;
    this.view = "receipt";
    this.receipt = { body, anonymous, earlier };
    this.el.form.hidden = true;
    const tpl = this.getAttribute("status-url") || this.endpoint + "/feedback/{token}";
    const token = String(body.token || "");
    const href = tpl.replace("{token}", encodeURIComponent(token));
    const due = body.receipt && body.receipt.due ? formatTime(body.receipt.due, this.lang_) : null;
    const kind = t.kinds[body.kind];
    const again = h("button", { type: "button" }, t.another);
    again.addEventListener("click", () => {
      this.receipt = null;
      this.el.text.value = "";
      this.el.decisionInput.value = "";
      this.analyse();
      this.showForm(true);
    });
    this.el.other.className = "receipt";
    setText(this.el.other,
      this.heading(earlier ? t.earlier : t.thanks, { id: this.uid + "-other-title", tabindex: "-1" }),
      body.receipt && typeof body.receipt.message === "string" ? h("p", {}, body.receipt.message) : null,
      h("p", {}, t.caseLabel + " ", h("a", { href, class: "token" }, token)),
      h("p", { class: "hint" }, t.caseHint),
      kind ? h("p", {}, t.registered(kind)) : null,
      h("p", {}, h("strong", {}, anonymous ? t.dueAnon : due ? t.dueBy(due) : t.dueNone)),
      h("div", { class: "actions" }, again));
    this.el.other.hidden = false;
    if (focus) this.el.other.querySelector("[tabindex='-1']").focus();
  }
}

if (!customElements.get("synpunkt-widget")) customElements.define("synpunkt-widget", SynpunktWidget);
schedule();
