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
//
// `make widget` replaces the two marked literals below with the styles and
// the versions of the files this loader fetches.
const CSS = /*@css*/"";
const VERSIONS = /*@versions*/{};

performance.mark("synpunkt:loader");

// The abuse-protection fields of the API (httpapi.HoneypotField and
// httpapi.FormStampField).
const HONEYPOT = "website";
const STAMP = "form_stamp";
const MAX_TEXT = 10000;
const MAX_NAME = 200;
const QUEUE = "synpunkt:queue:v1";
// A queued message older than this is sent without its form stamp, which
// the API would refuse as expired after 24 hours.
const STAMP_LIFE = 23 * 3600e3;
// Kinds for which the policy's response time applies (feedback.Case.ReplyOwed).
const OWED = ["", "praise", "complaint", "suggestion", "question"];

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
    appealLast: d => `Sista dag att överklaga: ${d}.`,
    appealFrom: d => `Det är tre veckor från ${d}.`,
    appealMoved: d => `Tre veckor tar slut ${d}, som inte är en arbetsdag, så sista dagen flyttas till nästa arbetsdag.`,
    piiTitle: "Ditt meddelande innehåller personuppgifter",
    piiText: "Vi har markerat dem här. Ta bort dem om du inte vill skicka dem.",
    piiFound: l => `Hittade: ${l}.`,
    piiRemove: "Ta bort personuppgifterna ur meddelandet",
    piiRemoved: "Personuppgifterna är borttagna ur meddelandet.",
    kinds: { praise: "beröm", complaint: "ett klagomål", suggestion: "ett förslag", question: "en fråga", fault_report: "en felanmälan", damage_claim: "ett skadeanspråk", appeal: "ett överklagande" },
    pii: { personnummer: "personnummer", possible_personnummer: "möjligt personnummer", samordningsnummer: "samordningsnummer", phone: "telefonnummer", email: "e-postadress" },
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
    appealLast: d => `Viimeinen valituspäivä: ${d}.`,
    appealFrom: d => `Se on kolme viikkoa päivästä ${d}.`,
    appealMoved: d => `Kolme viikkoa päättyy ${d}, joka ei ole arkipäivä, joten viimeinen päivä siirtyy seuraavaan arkipäivään.`,
    piiTitle: "Viestissäsi on henkilötietoja",
    piiText: "Olemme merkinneet ne tähän. Poista ne, jos et halua lähettää niitä.",
    piiFound: l => `Löytyi: ${l}.`,
    piiRemove: "Poista henkilötiedot viestistä",
    piiRemoved: "Henkilötiedot on poistettu viestistä.",
    kinds: { praise: "kiitos", complaint: "valitus", suggestion: "ehdotus", question: "kysymys", fault_report: "vikailmoitus", damage_claim: "vahingonkorvausvaatimus", appeal: "valitus päätöksestä" },
    pii: { personnummer: "henkilötunnus", possible_personnummer: "mahdollinen henkilötunnus", samordningsnummer: "yhteensovittamisnumero", phone: "puhelinnumero", email: "sähköpostiosoite" },
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
    appealLast: d => `Last day to appeal: ${d}.`,
    appealFrom: d => `That is three weeks from ${d}.`,
    appealMoved: d => `Three weeks end on ${d}, which is not a working day, so the last day moves to the next working day.`,
    piiTitle: "Your message contains personal data",
    piiText: "We have marked it here. Remove it if you do not want to send it.",
    piiFound: l => `Found: ${l}.`,
    piiRemove: "Remove the personal data from the message",
    piiRemoved: "The personal data has been removed from the message.",
    kinds: { praise: "praise", complaint: "a complaint", suggestion: "a suggestion", question: "a question", fault_report: "a fault report", damage_claim: "a damage claim", appeal: "an appeal" },
    pii: { personnummer: "personal identity number", possible_personnummer: "possible personal identity number", samordningsnummer: "co-ordination number", phone: "phone number", email: "e-mail address" },
  },
};

// --- small DOM helpers: text nodes only, never markup -----------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== false && v != null) el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children.flat(3).filter(Boolean));
  return el;
}

function setText(el, ...children) {
  el.replaceChildren(...children.flat(3).filter(Boolean));
}

function langOf(el) {
  const l = (el.getAttribute("lang") || el.parentElement?.closest("[lang]")?.getAttribute("lang") || "sv")
    .trim().toLowerCase().slice(0, 2);
  return T[l] ? l : "sv";
}

function uuid() {
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
function when(iso, lang, day) {
  const d = new Date(iso);
  if (isNaN(d)) return "";
  const f = o => new Intl.DateTimeFormat({ sv: "sv-SE", fi: "fi-FI", en: "en-GB" }[lang], { timeZone: "Europe/Stockholm", ...o }).format(d);
  const date = f({ weekday: "long" }) + " " + f({ day: "numeric", month: "long", year: "numeric" });
  const [hh, mm] = f({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).split(/\D/);
  return day ? date : `${date} ${{ sv: "kl.", fi: "klo", en: "at" }[lang]} ${hh}${lang === "fi" ? "." : ":"}${mm}`;
}

// Plausibility checks, mirroring feedback.ValidEmail and feedback.ValidPhone;
// the server has the last word, and its errors are shown on the same fields.
function validEmail(s) {
  const [local, domain, more] = s.split("@");
  if (more !== undefined || !local || !domain || new TextEncoder().encode(local).length > 64 || /[\s\p{Cc}]/u.test(local)) return false;
  const labels = domain.split(".");
  return labels.length > 1 && labels.every(l => /^[\p{L}\p{N}-]+$/u.test(l)) && /^\p{L}{2,}$/u.test(labels.at(-1));
}

function validPhone(s) {
  const n = s.replace(/\D/g, "").length, flat = s.replace(/\(([0-9]+)\)/, "$1");
  return n >= 7 && n <= 15 && /^[+0][0-9 .-]*[0-9]$/.test(flat);
}

const getJSON = (url, init) => fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } })
  .then(r => r.ok ? r.json() : null).catch(() => null);

// --- the WebAssembly half, shared by every widget on the page ---------------

let wasm;
function loadWasm() {
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
const once = url => cache[url] ??= getJSON(url).then(v => v || delete cache[url] && null);

// stampFor returns the form stamp to send, waiting until the API takes it
// (a form sent back sooner than 2 s is refused), or "" without one.
async function stampFor(endpoint) {
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

// --- the offline queue: a message waits in localStorage until delivered -----

function readQueue() {
  try {
    const q = JSON.parse(localStorage.getItem(QUEUE));
    return Array.isArray(q) ? q : [];
  } catch { return []; }
}

function writeQueue(q) {
  try {
    q.length ? localStorage.setItem(QUEUE, JSON.stringify(q)) : localStorage.removeItem(QUEUE);
    return true;
  } catch { return false; }
}

const updateQueue = fn => writeQueue(fn(readQueue()));

// send posts one queued message. It returns {ok, body} when delivered (201,
// or 200 for a retry of a message already delivered), {fields} when the
// server refuses the message itself, and {retry} when it should be tried
// again later (no network, 429, 5xx) or at once ({retry, now}).
async function send(item) {
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
const listeners = new Set();

// flush tries once each message waiting for endpoint whose time has come,
// one page at a time, and tells the widgets what happened.
function flush(endpoint, force) {
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
function schedule() {
  clearTimeout(timer);
  const q = readQueue();
  if (q.length) timer = setTimeout(() => new Set(q.map(x => x.endpoint)).forEach(e => flush(e)),
    Math.max(0, Math.min(...q.map(x => x.due || 0)) - Date.now()));
}

addEventListener("online", () => new Set(readQueue().map(x => x.endpoint)).forEach(e => flush(e, 1)));
addEventListener("storage", e => e.key === QUEUE && schedule());

// --- the element -------------------------------------------------------------

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

  get t() {
    return T[this.lang_];
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
      this.heading(t.title, { id: id("title") }),
      h("p", {}, t.intro),
      h("div", { class: "errors", id: id("errors"), role: "alert", tabindex: "-1" }),
      field("text", t.text, [
        h("textarea", { id: id("text"), name: "text", rows: 7, required: true,
          "aria-describedby": `${id("text-hint")} ${id("text-error")} ${id("count")}` }),
        h("p", { class: "counter", id: id("count"), hidden: true })], t.textHint),
      h("div", { class: "guide", id: id("guide"), "aria-live": "polite" }),
      h("div", { class: "pii", id: id("pii"), hidden: true }),
      h("p", { class: "vh", id: id("pii-live"), "aria-live": "polite" }),
      field("decision", t.decision, input("decision", "date", "off",
        { "aria-describedby": `${id("decision-hint")} ${id("decision-error")}` }), t.decisionHint),
      h("fieldset", { id: id("reply") },
        h("legend", {}, t.reply),
        [["yes", t.replyYes], ["no", t.replyNo]].map(([val, label]) => h("div", { class: "choice" },
          h("input", { type: "radio", name: id("reply"), id: id("reply-" + val), value: val, checked: v.reply === val }),
          h("label", { for: id("reply-" + val) }, label)))),
      h("div", { class: "note", id: id("anon"), hidden: true }, h("p", {}, t.anon)),
      h("div", { id: id("contact") },
        h("p", { class: "hint" }, t.contactHint),
        field("name", t.name, input("name", "text", "name")),
        field("email", t.email, input("email", "email", "email", { spellcheck: "false" })),
        field("phone", t.phone, input("phone", "tel", "tel"))),
      h("div", { class: "due", id: id("due"), "aria-live": "polite" }),
      h("div", { class: "vh", "aria-hidden": "true" },
        h("label", { for: id("trap") }, t.trap),
        h("input", { id: id("trap"), name: HONEYPOT, tabindex: "-1", autocomplete: "off" })),
      h("button", { type: "submit", id: id("send") }, t.send),
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
    setText(c, this.t.left(Math.max(0, MAX_TEXT - n)));
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
    const kind = c && c.confidence >= 0.3 && T.sv.kinds[c.kind] ? c.kind : "";
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
      h("p", {}, h("strong", {}, t.looks(t.kinds[kind]))),
      h("p", {}, t.guide[kind]),
      appeal && h("p", {}, h("strong", {}, t.appealBy(appeal.due))),
      appeal?.from && h("p", {}, appeal.movedFrom ? t.appealMoved(appeal.movedFrom) : t.appealFrom(appeal.from)),
      phone && (kind === "fault_report" || kind === "damage_claim") && h("p", {}, t.urgent(phone)),
      words.length && h("p", { class: "hint" }, t.because + " " + words.map(w => "”" + w + "”").join(", "))));
  }

  showPII(text, found) {
    const t = this.t, box = this.$("pii"), live = this.$("pii-live");
    const key = found.map(p => p.start + p.kind + p.end).join();
    if (key === this.shown.pii) return;
    this.shown.pii = key;
    if (!found.length) {
      if (!box.hidden && this.redacted) setText(live, t.piiRemoved);
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
    const kinds = t.piiFound([...new Set(found.map(p => t.pii[p.kind] || p.kind))].join(", "));
    const remove = h("button", { type: "button", class: "secondary" }, t.piiRemove);
    remove.onclick = () => {
      this.$("text").value = this.api.redact(this.$("text").value);
      this.redacted = true;
      this.$("text").focus();
      this.analyse();
    };
    if (box.hidden) setText(live, t.piiTitle + ". " + kinds);
    setText(box, this.heading(t.piiTitle, {}, 1), h("p", {}, t.piiText + " " + kinds), h("p", { class: "excerpt" }, parts), remove);
    box.hidden = false;
  }

  showDue() {
    const t = this.t, api = this.api, facts = this.facts;
    let line = "";
    if (this.anonymous) line = t.noReply;
    else if (OWED.includes(this.kind || "") && facts) {
      if (api && this.shown.facts !== facts) this.shown.facts = api.policy(facts).ok ? facts : 0;
      const r = api && this.shown.facts ? api.reply(this.channel, Date.now(), this.lang_) :
        facts.channels?.find(c => c.channel === this.channel)?.reply;
      line = r ? (r.due ? t.replyBy(r.due) : t.replyWithin(r.limit_text?.[this.lang_] || r.limit)) : t.replySoon;
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
    const t = this.t, errs = [], val = k => this.$(k).value.trim();
    ["text", "name", "email", "phone", "decision"].forEach(k => this.clearError(k));
    if (!val("text")) errs.push(["text", t.eText]);
    else if ([...this.$("text").value].length > MAX_TEXT) errs.push(["text", t.eTextLong]);
    if (!this.anonymous) {
      if ([...val("name")].length > MAX_NAME) errs.push(["name", t.eName]);
      if (val("email") && !validEmail(val("email"))) errs.push(["email", t.eEmail]);
      if (val("phone") && !validPhone(val("phone"))) errs.push(["phone", t.ePhone]);
      if (!val("email") && !val("phone")) errs.push(["email", t.eContact]);
    }
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
      h("p", {}, h("strong", {}, this.t.errors(errs.length))),
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
    setText(this.$("status"), this.t.sending);
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
      this.showErrors(r.fields.map(f => [
        !this.$(keys[f.field] + "-field")?.closest("[hidden]") && keys[f.field] || "",
        f.code === "too_large" ? this.t.eTooLarge : f.message?.[this.lang_] || f.message?.sv || this.t.eServer]));
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
    const retry = h("button", { type: "button" }, t.retryNow);
    retry.onclick = async () => {
      setText(status, t.retrying);
      await flush(this.endpoint, 1);
      if (this.view === "waiting") setText(status, t.stillWaiting);
    };
    this.showOther(t.waitTitle, focus, h("p", {}, reason === "busy" ? t.waitBusy : t.waitOffline),
      h("div", { class: "actions" }, retry), status);
  }

  showReceipt(body, anonymous, earlier, focus) {
    const t = this.t, lang = this.lang_, r = body.receipt || {};
    this.view = "receipt";
    this.receipt = [body, anonymous, earlier];
    const token = String(body.token);
    const again = h("button", { type: "button" }, t.another);
    again.onclick = () => {
      this.values = empty();
      this.form = null;
      this.view = "form";
      this.render();
      this.$("text").focus();
    };
    this.showOther(earlier ? t.earlier : t.thanks, focus,
      typeof r.message === "string" && h("p", {}, r.message),
      h("p", {}, t.caseLabel + " ", h("a", { class: "token",
        href: (this.getAttribute("status-url") || this.endpoint + "/feedback/{token}").replace("{token}", encodeURIComponent(token)) }, token)),
      h("p", { class: "hint" }, t.caseHint),
      t.kinds[body.kind] && h("p", {}, t.registered(t.kinds[body.kind])),
      r.appeal_by && h("p", {}, h("strong", {}, t.appealLast(when(r.appeal_by, lang, 1)))),
      h("p", {}, h("strong", {}, anonymous ? t.dueAnon : r.due ? t.dueBy(when(r.due, lang)) : t.replySoon)),
      h("div", { class: "actions" }, again));
  }
}

customElements.get("synpunkt-widget") || customElements.define("synpunkt-widget", SynpunktWidget);
schedule();
