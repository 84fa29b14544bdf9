// Live plain-language check for the staff reply forms. For every textarea
// with data-plaincheck="<id>", it posts the draft to /staff/plaincheck as the
// writer pauses and shows the report in the element with that id. It builds
// the report with DOM nodes and textContent only, never innerHTML. Without
// this script, the "Check plain language" button gives the same report from
// the server.
const DELAY_MS = 400;

function render(target, report) {
  const parts = [];
  const summary = document.createElement('p');
  summary.className = 'plain-summary verdict-' + report.verdict;
  const strong = document.createElement('strong');
  strong.textContent = report.summary;
  summary.append(strong);
  parts.push(summary);
  if (report.findings.length === 0) {
    const none = document.createElement('p');
    none.textContent = report.none || '';
    parts.push(none);
  } else {
    const list = document.createElement('ul');
    list.className = 'plain-findings';
    for (const f of report.findings) {
      const li = document.createElement('li');
      const label = document.createElement('strong');
      label.textContent = f.label + ':';
      const q = document.createElement('q');
      q.textContent = f.text;
      li.append(label, ' ', q, ' – ' + f.advice);
      list.append(li);
    }
    parts.push(list);
  }
  target.replaceChildren(...parts);
}

function attach(area) {
  const target = document.getElementById(area.dataset.plaincheck);
  const form = area.form;
  const csrf = form && form.elements.namedItem('csrf');
  if (!target || !csrf) return;
  let timer = 0;
  let seq = 0;
  const check = async () => {
    const mine = ++seq;
    if (area.value.trim() === '') {
      target.replaceChildren();
      return;
    }
    try {
      const res = await fetch('/staff/plaincheck', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf.value },
        body: JSON.stringify({ text: area.value, lang: document.documentElement.lang }),
      });
      if (!res.ok || mine !== seq) return;
      render(target, await res.json());
    } catch (_) {
      // Offline or logged out: the server-side check still works on submit.
    }
  };
  area.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(check, DELAY_MS);
  });
  if (area.value.trim() !== '') check();
}

for (const area of document.querySelectorAll('textarea[data-plaincheck]')) attach(area);
