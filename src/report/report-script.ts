import { createHash } from 'node:crypto';

/**
 * The page's only script: a tooltip for a tapped (or hovered) heatmap cell or chart day,
 * built with textContent from the page's JSON (`#report-data`) and the tapped row and
 * column. It earns its place on phones, where nothing hovers, and in size: a `title` per
 * cell would weigh more than the rest of a 366-day report. Without it the page still shows
 * every rate and count. It makes no request.
 */
export const REPORT_SCRIPT = `(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const words = data.w;
  const tip = document.createElement('div');
  tip.id = 'tip';
  tip.setAttribute('role', 'status');
  tip.hidden = true;
  document.body.append(tip);
  let selected = null;
  let cursor = null;
  const fill = (template, values) => template.replace(/\\{(\\w+)\\}/g, (_, name) => values[name] ?? '');
  const line = (text, colour) => {
    const div = document.createElement('div');
    if (colour) {
      const dot = document.createElement('i');
      dot.style.background = colour;
      div.append(dot);
    }
    div.append(text);
    return div;
  };
  const hide = () => {
    tip.hidden = true;
    selected?.classList.remove('selected');
    if (cursor) cursor.hidden = true;
    selected = cursor = null;
  };
  const show = (lines, x, y) => {
    tip.replaceChildren(...lines);
    tip.hidden = false;
    const box = tip.getBoundingClientRect();
    tip.style.left = Math.max(8, Math.min(x - box.width / 2, innerWidth - box.width - 8)) + 'px';
    tip.style.top = (y - box.height - 12 >= 8 ? y - box.height - 12 : y + 24) + 'px';
  };
  const templates = { n: words.size, p: words.pending, x: words.empty, na: words.missing, over: words.over, bad: words.invalid };
  const cellTip = (td) => {
    if (td === selected) return;
    const row = td.parentElement;
    const table = row.closest('table');
    const kind = Object.keys(templates).find((name) => td.classList.contains(name));
    const values = { rate: td.textContent, n: td.dataset.n, size: row.cells[1].textContent, date: td.dataset.f };
    hide();
    selected = td;
    td.classList.add('selected');
    const box = td.getBoundingClientRect();
    const head = table.tHead.rows[0].cells[td.cellIndex].textContent;
    show([line(data.days[row.sectionRowIndex] + ' · ' + table.dataset.title + ' ' + head), line(fill(templates[kind] ?? words.cell, values))], box.left + box.width / 2, box.top);
  };
  const chartTip = (plot, clientX) => {
    const box = plot.getBoundingClientRect();
    const at = ((clientX - box.left) / box.width) * 1000;
    let day = 0;
    data.x.forEach((x, i) => {
      if (Math.abs(x - at) < Math.abs(data.x[day] - at)) day = i;
    });
    hide();
    cursor = plot.querySelector('.cursor');
    cursor.style.left = data.x[day] / 10 + '%';
    cursor.hidden = false;
    const lines = data.charts[plot.dataset.cohort].map((s) => line(s.k + ' ' + (s.d[day] ?? '–') + ' · ' + words.average + ' ' + (s.a[day] ?? '–'), s.c));
    show([line(data.days[day] + ' · ' + plot.dataset.title), ...lines], box.left + (data.x[day] / 1000) * box.width, box.top);
  };
  const action = (event) => {
    const td = event.target.closest && event.target.closest('.heatmap td');
    if (td) return () => cellTip(td);
    const plot = event.target.closest && event.target.closest('.plot');
    if (plot) return () => chartTip(plot, event.clientX);
    return hide;
  };
  document.addEventListener('click', (event) => action(event)());
  document.addEventListener('pointermove', (event) => {
    if (event.pointerType === 'mouse') action(event)();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hide();
  });
  document.addEventListener('scroll', hide, { capture: true, passive: true });
})();`;

/** The Content-Security-Policy source that lets this script, and no other, run. */
export const SCRIPT_HASH = `'sha256-${createHash('sha256').update(REPORT_SCRIPT).digest('base64')}'`;
