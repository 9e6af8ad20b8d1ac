import { createHash } from 'node:crypto';

/**
 * The page's only script: a tooltip for a tapped (or hovered) heatmap cell or chart period,
 * built with textContent from the page's JSON (`#report-data`, one entry per view) and the
 * tapped row and column; and, in a report of several views, the tabs that show one view at a
 * time (the view holding the address's #fragment first, so a link to `#week-cohorts-new`
 * opens the weeks). It earns its place on phones, where nothing hovers, and in size: a `title`
 * per cell would weigh more than the rest of a 366-day report. Without it the page still shows
 * every rate and count, and every view one after the other. It makes no request.
 */
export const REPORT_SCRIPT = `(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const views = [...document.querySelectorAll('.view')];
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
  const viewOf = (element) => data.views[element.closest('.view').dataset.view];
  const kinds = { n: 'size', p: 'pending', x: 'empty', na: 'missing', over: 'over', bad: 'invalid' };
  const cellTip = (td) => {
    if (td === selected) return;
    const view = viewOf(td);
    const row = td.parentElement;
    const table = row.closest('table');
    const kind = Object.keys(kinds).find((name) => td.classList.contains(name));
    const values = { rate: td.textContent, n: td.dataset.n, size: row.cells[1].textContent, date: td.dataset.f };
    hide();
    selected = td;
    td.classList.add('selected');
    const box = td.getBoundingClientRect();
    const head = table.tHead.rows[0].cells[td.cellIndex].textContent;
    show([line(view.rows[row.sectionRowIndex] + ' · ' + table.dataset.title + ' ' + head), line(fill(view.w[kinds[kind] ?? 'cell'], values))], box.left + box.width / 2, box.top);
  };
  const chartTip = (plot, clientX) => {
    const view = viewOf(plot);
    const box = plot.getBoundingClientRect();
    const at = ((clientX - box.left) / box.width) * 1000;
    let i = 0;
    view.x.forEach((x, j) => {
      if (Math.abs(x - at) < Math.abs(view.x[i] - at)) i = j;
    });
    hide();
    cursor = plot.querySelector('.cursor');
    cursor.style.left = view.x[i] / 10 + '%';
    cursor.hidden = false;
    const lines = view.charts[plot.dataset.cohort].map((s) => line(s.k + ' ' + (s.d[i] ?? '–') + (s.a ? ' · ' + view.w.average + ' ' + (s.a[i] ?? '–') : ''), s.c));
    show([line(view.rows[i] + ' · ' + plot.dataset.title), ...lines], box.left + (view.x[i] / 1000) * box.width, box.top);
  };
  const select = (view) => views.forEach((v) => {
    v.hidden = v !== view;
  });
  const targeted = () => {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    return target ? { target, view: target.closest('.view') } : {};
  };
  const openTab = (tab) => {
    const view = document.getElementById('view-' + tab.dataset.tab);
    select(view);
    // Keep the bar where it is; once it sticks, start the new view from its top.
    const top = view.getBoundingClientRect().top + scrollY;
    if (scrollY > top) scrollTo(0, top);
  };
  if (views.length > 1) {
    select(targeted().view || views[0]);
    addEventListener('hashchange', () => {
      const { target, view } = targeted();
      if (!view || !view.hidden) return;
      select(view);
      target.scrollIntoView();
    });
  }
  const action = (event) => {
    const td = event.target.closest && event.target.closest('.heatmap td');
    if (td) return () => cellTip(td);
    const plot = event.target.closest && event.target.closest('.plot');
    if (plot) return () => chartTip(plot, event.clientX);
    return hide;
  };
  document.addEventListener('click', (event) => {
    const tab = event.target.closest && event.target.closest('.tabs a');
    if (!tab) return action(event)();
    event.preventDefault();
    hide();
    openTab(tab);
  });
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
