// The session warning of the staff pages (WCAG 2.2.1 Timing Adjustable).
// The server writes the session's time left on <body>: data-session-idle
// (seconds until it ends if not used again), data-session-absolute (until
// it ends however much it is used), and how long before each end to warn.
// The texts are in the <dialog id="session-dialog"> of the page, in its
// language; this script only shows them, sets the clock time with
// textContent and never uses innerHTML.
//
// - Before the idle end: "Stay logged in" posts to /staff/session with the
//   CSRF token, which records a use on the server, and closes the dialog.
// - Before the absolute end, which nothing extends: says when, and that the
//   text stays on the page.
// - At the end: says so, offers the login page in a new tab, and "I have
//   logged in again", which asks GET /staff/session for the new session's
//   CSRF token and puts it into the page's forms, so the draft can be sent.
//   Coming back to the tab asks the same once.
//
// Other requests (the plain-language check, another tab) also keep the
// session alive; the script does not see them, so at worst it warns too
// early, never too late. Without JavaScript nothing of this runs, and a
// form sent after the end gets the login page with the typed text to copy.
const body = document.body;
const dialog = document.getElementById('session-dialog');
const status = document.getElementById('session-status');
const TICK_MS = 15000; // timers sleep in background tabs; the clock does not

function seconds(name) {
  const v = Number(body.dataset[name]);
  return Number.isFinite(v) && v >= 0 ? v : null;
}

const idleLeft = seconds('sessionIdle');
const absoluteLeft = seconds('sessionAbsolute');
const warnIdle = (seconds('sessionWarnIdle') ?? 180) * 1000;
const warnAbsolute = (seconds('sessionWarnAbsolute') ?? 900) * 1000;

let idleEnd = 0;
let absoluteEnd = 0;
let absoluteSeen = false; // the absolute warning was shown for this session
// state is what the dialog shows: '', 'idle', 'absolute' or 'ended'; or
// 'closed' when the person closed the "logged out" dialog (to copy the
// text, say), which then stays closed until a session is taken up again.
let state = '';
let returnFocus = null;
let resuming = false;

function setDeadlines(s) {
  const now = Date.now();
  const newAbsolute = now + s.absolute * 1000;
  if (Math.abs(newAbsolute - absoluteEnd) > 60000) absoluteSeen = false; // a new session
  idleEnd = now + s.idle * 1000;
  absoluteEnd = newAbsolute;
}

function clock(ms) {
  const d = new Date(ms);
  const sep = document.documentElement.lang === 'fi' ? '.' : ':';
  return String(d.getHours()).padStart(2, '0') + sep + String(d.getMinutes()).padStart(2, '0');
}

const errorBox = dialog && dialog.querySelector('.session-error');

function showError(key) {
  if (!errorBox) return;
  errorBox.textContent = errorBox.dataset[key] || '';
  errorBox.hidden = false;
}

function say(key) {
  if (!status) return;
  status.textContent = '';
  // A new text in a cleared live region is announced.
  setTimeout(() => { status.textContent = status.dataset[key] || ''; }, 50);
}

function show(next) {
  const part = dialog.querySelector('[data-state="' + next + '"]');
  if (!part) return;
  for (const p of dialog.querySelectorAll('[data-state]')) p.hidden = p !== part;
  errorBox.hidden = true;
  const end = next === 'absolute' ? absoluteEnd : Math.min(idleEnd, absoluteEnd);
  for (const c of part.querySelectorAll('.session-clock')) c.textContent = clock(end);
  dialog.setAttribute('aria-labelledby', 'session-title-' + next);
  dialog.setAttribute('aria-describedby', 'session-text-' + next);
  if (!dialog.open) {
    returnFocus = document.activeElement;
  } else {
    dialog.close(); // opened again below, so that the new text is announced
  }
  state = next;
  dialog.showModal();
  const first = part.querySelector('button, a');
  if (first) first.focus();
}

function hide() {
  state = state === 'ended' ? 'closed' : '';
  if (dialog.open) dialog.close();
  if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  returnFocus = null;
}

function csrfToken() {
  const f = document.querySelector('input[name="csrf"]');
  return f ? f.value : '';
}

async function ask(method) {
  const headers = method === 'POST' ? { 'X-CSRF-Token': csrfToken() } : {};
  const res = await fetch('/staff/session', { method, credentials: 'same-origin', headers });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error('session ' + res.status);
  return res.json();
}

async function extend() {
  try {
    const s = await ask('POST');
    if (!s) {
      show('ended');
      return;
    }
    setDeadlines(s);
    hide();
    say('msgExtended');
  } catch (_) {
    showError('msgFailed');
  }
}

// resume takes up a session made in another tab: its CSRF token goes into
// every form of the page (the plain-language check reads it from there).
async function resume(quiet) {
  if (resuming) return;
  resuming = true;
  try {
    const s = await ask('GET');
    if (!s) {
      if (!quiet) showError('msgNotyet');
      return;
    }
    for (const f of document.querySelectorAll('input[name="csrf"]')) f.value = s.csrf;
    setDeadlines(s);
    hide();
    state = '';
    say('msgBack');
  } catch (_) {
    if (!quiet) showError('msgFailed');
  } finally {
    resuming = false;
  }
}

function tick() {
  const now = Date.now();
  if (state === 'ended' || state === 'closed') return;
  if (now >= Math.min(idleEnd, absoluteEnd)) {
    show('ended');
  } else if (!absoluteSeen && absoluteEnd - now <= warnAbsolute && absoluteEnd <= idleEnd + warnIdle) {
    absoluteSeen = true;
    show('absolute');
  } else if (state === '' && idleEnd < absoluteEnd && idleEnd - now <= warnIdle) {
    show('idle');
  }
}

if (dialog && errorBox && idleLeft !== null && absoluteLeft !== null) {
  setDeadlines({ idle: idleLeft, absolute: absoluteLeft });
  dialog.addEventListener('click', (ev) => {
    const action = ev.target instanceof Element && ev.target.closest('[data-action]');
    if (!action) return;
    if (action.dataset.action === 'extend') extend();
    else if (action.dataset.action === 'resume') resume(false);
    else if (action.dataset.action === 'close') hide();
  });
  // Escape: before the idle end it means the person is here, as the
  // button does; otherwise it closes the dialog.
  dialog.addEventListener('cancel', (ev) => {
    ev.preventDefault();
    if (state === 'idle') extend();
    else hide();
  });
  window.addEventListener('focus', () => {
    if (Date.now() >= Math.min(idleEnd, absoluteEnd)) resume(true);
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) tick();
  });
  setInterval(tick, TICK_MS);
  tick();
}
