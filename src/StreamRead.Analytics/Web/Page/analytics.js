// The /analytics page: fetches each chart's query from /analytics/api/queries/{id} and draws it
// as plain SVG (no library, nothing loaded from elsewhere). Each <svg> ends with data-state
// "ready" (with its marks drawn), "empty" or "error", which the browser test checks.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#3867d6', '#f7b731', '#eb3b5a', '#20bf6b'];
const PERCENTILES = [['p50_ms', 'p50'], ['p90_ms', 'p90'], ['p99_ms', 'p99']];

// What each figure shows: the query (per minute for short ranges), the x column, the series.
const CHARTS = {
  'latency': { title: 'Read latency', query: r => r.perMinute ? 'read_latency_per_minute' : 'read_latency_per_hour', kind: 'line', x: 'time', series: PERCENTILES, unit: 'ms' },
  'latency-by-group': { title: 'Read latency by group size', query: () => 'read_latency_by_group_size', kind: 'bars', x: 'group_size', series: PERCENTILES, unit: 'ms' },
  'read-through': { title: 'Read-through within 1 h and 24 h, by hour of sending', query: () => 'read_through_per_hour', kind: 'line', x: 'time', series: [['read_through_1h', 'within 1 h'], ['read_through_24h', 'within 24 h']], unit: 'share' },
  'read-through-by-group': { title: 'Read-through by group size', query: () => 'read_through_by_group_size', kind: 'bars', x: 'group_size', series: [['read_through_1h', 'within 1 h'], ['read_through_24h', 'within 24 h']], unit: 'share' },
  'read-reports': { title: r => r.perMinute ? 'Read reports per minute' : 'Read reports per hour', query: r => r.perMinute ? 'read_reports_per_minute' : 'read_reports_per_hour', kind: 'line', x: 'time', series: [['read_reports', 'read reports'], ['sends', 'sends']], unit: 'count' },
  'active-readers': { title: 'Active readers per day', query: () => 'active_readers_per_day', kind: 'bars', x: 'day', series: [['active_readers', 'active readers']], unit: 'count' },
  'unread-backlog': { title: 'Unread backlog now (users by total unread)', query: () => 'unread_backlog', kind: 'bars', x: 'backlog', series: [['users', 'users']], unit: 'count' },
  'milestones': { title: 'Message milestones: time from sending', query: () => 'message_milestones', kind: 'bars', x: 'milestone', series: PERCENTILES, unit: 'ms' },
};

let hours = 24;

function range() {
  const to = new Date();
  const from = new Date(to.getTime() - hours * 3600 * 1000);
  return { from, to, perMinute: hours <= 3 };
}

function el(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function formatValue(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (unit === 'share') return (value * 100).toFixed(value >= 0.995 || value === 0 ? 0 : 1) + ' %';
  if (unit === 'ms') {
    if (value < 1000) return Math.round(value) + ' ms';
    if (value < 60000) return (value / 1000).toFixed(1) + ' s';
    if (value < 3600000) return (value / 60000).toFixed(1) + ' min';
    return (value / 3600000).toFixed(1) + ' h';
  }
  return value >= 10000 ? Math.round(value).toLocaleString('en') : String(Math.round(value * 100) / 100);
}

// ClickHouse writes times as "YYYY-MM-DD hh:mm:ss" in UTC, days as "YYYY-MM-DD".
function parseTime(text) {
  return new Date(text.length === 10 ? text + 'T00:00:00Z' : text.replace(' ', 'T') + 'Z');
}

function timeLabel(date, span) {
  const iso = date.toISOString();
  return span > 2 * 86400000 ? iso.slice(5, 10) + ' ' + iso.slice(11, 16) : iso.slice(11, 16);
}

function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function frame(svg, maxValue, unit) {
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const width = svg.clientWidth || 440;
  const height = svg.clientHeight || 220;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const box = { left: 64, right: width - 12, top: 10, bottom: height - 24 };
  const top = unit === 'share' ? Math.max(1, niceMax(maxValue)) : niceMax(maxValue);
  for (let i = 0; i <= 4; i++) {
    const y = box.bottom - (box.bottom - box.top) * i / 4;
    el('line', { class: 'axis', x1: box.left, x2: box.right, y1: y, y2: y }, svg);
    el('text', { x: box.left - 6, y: y + 4, 'text-anchor': 'end' }, svg).textContent = formatValue(top * i / 4, unit);
  }
  return { box, y: value => box.bottom - (box.bottom - box.top) * value / top };
}

function drawLine(svg, chart, rows, columns) {
  const xIndex = columns.indexOf(chart.x);
  const points = rows.map(row => ({ t: parseTime(row[xIndex]).getTime(), row }));
  const indexes = chart.series.map(([column]) => columns.indexOf(column));
  const values = points.flatMap(p => indexes.map(i => p.row[i])).filter(v => typeof v === 'number');
  const { box, y } = frame(svg, Math.max(0, ...values), chart.unit);
  const first = Math.min(...points.map(p => p.t));
  const last = Math.max(...points.map(p => p.t));
  const span = Math.max(last - first, 1);
  const x = t => last === first ? (box.left + box.right) / 2 : box.left + (box.right - box.left) * (t - first) / span;
  for (const t of last === first ? [first] : [first, first + span / 2, last]) {
    el('text', { x: x(t), y: box.bottom + 16, 'text-anchor': 'middle' }, svg).textContent = timeLabel(new Date(t), span);
  }
  let marks = 0;
  indexes.forEach((index, s) => {
    const present = points.filter(p => typeof p.row[index] === 'number');
    if (present.length === 0) return;
    const color = COLORS[s % COLORS.length];
    if (present.length > 1) {
      const d = present.map((p, i) => (i === 0 ? 'M' : 'L') + x(p.t).toFixed(1) + ',' + y(p.row[index]).toFixed(1)).join(' ');
      el('path', { class: 'series', d, stroke: color, 'data-series': chart.series[s][0] }, svg);
    }
    for (const p of present) {
      el('circle', { cx: x(p.t), cy: y(p.row[index]), r: present.length > 60 ? 1.5 : 3, fill: color, 'data-series': chart.series[s][0] }, svg)
        .appendChild(el('title', {})).textContent = `${chart.series[s][1]}: ${formatValue(p.row[index], chart.unit)}`;
      marks++;
    }
  });
  return marks;
}

function drawBars(svg, chart, rows, columns) {
  const xIndex = columns.indexOf(chart.x);
  const indexes = chart.series.map(([column]) => columns.indexOf(column));
  const values = rows.flatMap(row => indexes.map(i => row[i])).filter(v => typeof v === 'number');
  const { box, y } = frame(svg, Math.max(0, ...values), chart.unit);
  const slot = (box.right - box.left) / Math.max(rows.length, 1);
  const barWidth = Math.max(2, (slot * 0.8) / indexes.length);
  let marks = 0;
  rows.forEach((row, r) => {
    const left = box.left + slot * r + slot * 0.1;
    el('text', { x: box.left + slot * (r + 0.5), y: box.bottom + 16, 'text-anchor': 'middle' }, svg).textContent = String(row[xIndex]);
    indexes.forEach((index, s) => {
      const value = row[index];
      if (typeof value !== 'number') return;
      const top = y(value);
      el('rect', { x: left + barWidth * s, y: top, width: barWidth - 1, height: Math.max(box.bottom - top, 1), fill: COLORS[s % COLORS.length], 'data-series': chart.series[s][0] }, svg)
        .appendChild(el('title', {})).textContent = `${row[xIndex]} ${chart.series[s][1]}: ${formatValue(value, chart.unit)}`;
      marks++;
    });
  });
  return marks;
}

function legend(chart) {
  return chart.series.length < 2 ? '' :
    '<span class="legend">' + chart.series.map(([, label], s) => `<span><i style="background:${COLORS[s % COLORS.length]}"></i>${label}</span>`).join('') + '</span>';
}

async function render(figure, r) {
  const chart = CHARTS[figure.dataset.chart];
  const svg = figure.querySelector('svg');
  const note = figure.querySelector('.note');
  const id = chart.query(r);
  const title = typeof chart.title === 'function' ? chart.title(r) : chart.title;
  try {
    const url = `/analytics/api/queries/${id}?from=${encodeURIComponent(r.from.toISOString())}&to=${encodeURIComponent(r.to.toISOString())}`;
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || body.title || response.statusText);
    figure.querySelector('figcaption').innerHTML = `${title}<small>${body.description}</small>`;
    svg.dataset.query = id;
    if (body.rows.length === 0) {
      frame(svg, 0, chart.unit);
      svg.dataset.state = 'empty';
      note.textContent = 'no data in this range yet';
      return;
    }
    const marks = chart.kind === 'line' ? drawLine(svg, chart, body.rows, body.columns) : drawBars(svg, chart, body.rows, body.columns);
    svg.dataset.state = marks > 0 ? 'ready' : 'empty';
    svg.dataset.marks = String(marks);
    note.innerHTML = legend(chart) || (marks > 0 ? '' : 'no values in this range yet');
  } catch (error) {
    svg.dataset.state = 'error';
    figure.querySelector('figcaption').textContent = title;
    note.textContent = 'error: ' + error.message;
  }
}

async function refresh() {
  const r = range();
  document.querySelectorAll('#ranges button').forEach(b => b.classList.toggle('active', Number(b.dataset.range) === hours));
  await Promise.all([...document.querySelectorAll('figure[data-chart]')].map(figure => render(figure, r)));
  document.getElementById('status').textContent = 'updated ' + new Date().toISOString().slice(11, 19) + ' UTC';
  document.body.dataset.rendered = 'true';
}

document.querySelectorAll('#ranges button').forEach(button => button.addEventListener('click', () => {
  hours = Number(button.dataset.range);
  refresh();
}));
const requested = Number(new URLSearchParams(location.search).get('hours'));
if (requested > 0) hours = requested;
refresh();
setInterval(refresh, 10000);
