// The /analytics page: fetches each chart's query from /analytics/api/queries/{id} and draws it
// as plain SVG (no library, nothing loaded from elsewhere). Each <svg> ends with data-state
// "ready" (with its marks drawn), "empty" or "error", which the browser test checks.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#3867d6', '#f7b731', '#eb3b5a', '#20bf6b'];
const PERCENTILES = [['p50_ms', 'p50'], ['p90_ms', 'p90'], ['p99_ms', 'p99']];
const MINUTE = 60000;
const HOUR = 3600000;
const bucket = r => r.perMinute ? MINUTE : HOUR;
// Axis steps for durations: readable units instead of decimal fractions of milliseconds.
const DURATION_STEPS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000, 10000, 15000, 30000,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 48 * HOUR];

// What each figure shows: the query (per minute for short ranges), the x column, the series.
const CHARTS = {
  'latency': { title: 'Read latency', query: r => r.perMinute ? 'read_latency_per_minute' : 'read_latency_per_hour', kind: 'line', x: 'time', step: bucket, series: PERCENTILES, unit: 'ms' },
  'latency-by-group': { title: 'Read latency by group size', query: () => 'read_latency_by_group_size', kind: 'bars', x: 'group_size', series: PERCENTILES, unit: 'ms' },
  'read-through': { title: 'Read-through within 1 h and 24 h, by hour of sending', query: () => 'read_through_per_hour', kind: 'line', x: 'time', step: () => HOUR, series: [['read_through_1h', 'within 1 h'], ['read_through_24h', 'within 24 h']], unit: 'share' },
  'read-through-by-group': { title: 'Read-through by group size', query: () => 'read_through_by_group_size', kind: 'bars', x: 'group_size', series: [['read_through_1h', 'within 1 h'], ['read_through_24h', 'within 24 h']], unit: 'share' },
  'read-reports': { title: r => r.perMinute ? 'Read reports per minute' : 'Read reports per hour', query: r => r.perMinute ? 'read_reports_per_minute' : 'read_reports_per_hour', kind: 'line', x: 'time', step: bucket, zeroFill: true, series: [['read_reports', 'read reports'], ['sends', 'sends']], unit: 'count' },
  'active-readers': { title: 'Active readers per day', query: () => 'active_readers_per_day', kind: 'bars', x: 'day', series: [['active_readers', 'active readers']], unit: 'count' },
  'unread-backlog': { title: 'Unread backlog now (users by total unread)', query: () => 'unread_backlog', kind: 'bars', x: 'backlog', series: [['users', 'users']], unit: 'count' },
  'milestones': { title: 'Message milestones: time from sending', query: () => 'message_milestones', kind: 'bars', x: 'milestone', series: PERCENTILES, unit: 'ms' },
};

// The range: the last `hours`, or a fixed one from ?from=&to= (ISO 8601), e.g. a shared link.
const params = new URLSearchParams(location.search);
let hours = Number(params.get('hours')) > 0 ? Number(params.get('hours')) : 24;
let fixed = params.get('from') && !Number.isNaN(Date.parse(params.get('from')))
  ? { from: new Date(params.get('from')), to: params.get('to') ? new Date(params.get('to')) : new Date() }
  : null;

function range() {
  const to = fixed ? fixed.to : new Date();
  const from = fixed ? fixed.from : new Date(to.getTime() - hours * 3600 * 1000);
  return { from, to, perMinute: to - from <= 3 * 3600 * 1000 };
}

function el(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function formatValue(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value === 0) return '0';
  if (unit === 'share') return (value * 100).toFixed(value >= 0.995 || value === 0 ? 0 : 1) + ' %';
  if (unit === 'ms') {
    if (value < 1000) return Math.round(value) + ' ms';
    const [size, name] = value < MINUTE ? [1000, ' s'] : value < HOUR ? [MINUTE, ' min'] : [HOUR, ' h'];
    return String(Math.round(value / size * 10) / 10) + name;
  }
  return value >= 10000 ? Math.round(value).toLocaleString('en') : String(Math.round(value * 100) / 100);
}

// ClickHouse writes times as "YYYY-MM-DD hh:mm:ss" in UTC, days as "YYYY-MM-DD".
function parseTime(text) {
  return new Date(text.length === 10 ? text + 'T00:00:00Z' : text.replace(' ', 'T') + 'Z');
}

function timeLabel(date, span) {
  const iso = date.toISOString();
  return span > 12 * HOUR ? iso.slice(5, 10) + ' ' + iso.slice(11, 16) : iso.slice(11, 16);
}

// The top of the y axis: four ticks of a round step.
function niceMax(value, unit) {
  if (!(value > 0)) return unit === 'ms' ? 4 * 1000 : 1;
  if (unit === 'ms') {
    const step = DURATION_STEPS.find(s => 4 * s >= value);
    return step ? 4 * step : 4 * Math.ceil(value / 4 / (24 * HOUR)) * 24 * HOUR;
  }
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
  const top = unit === 'share' ? Math.max(1, niceMax(maxValue, unit)) : niceMax(maxValue, unit);
  for (let i = 0; i <= 4; i++) {
    const y = box.bottom - (box.bottom - box.top) * i / 4;
    el('line', { class: 'axis', x1: box.left, x2: box.right, y1: y, y2: y }, svg);
    el('text', { x: box.left - 6, y: y + 4, 'text-anchor': 'end' }, svg).textContent = formatValue(top * i / 4, unit);
  }
  return { box, y: value => box.bottom - (box.bottom - box.top) * value / top };
}

// Points are time buckets of chart.step ms. A gap of more than one bucket breaks the line, except
// for counts (zeroFill), where an absent bucket is a real 0 and the whole range is drawn.
function drawLine(svg, chart, rows, columns, r) {
  const xIndex = columns.indexOf(chart.x);
  const step = chart.step(r);
  let points = rows.map(row => ({ t: parseTime(row[xIndex]).getTime(), row }));
  const indexes = chart.series.map(([column]) => columns.indexOf(column));
  if (chart.zeroFill) {
    const byTime = new Map(points.map(p => [p.t, p.row]));
    const zero = columns.map((_, i) => indexes.includes(i) ? 0 : null);
    points = [];
    for (let t = Math.floor(r.from.getTime() / step) * step; t < r.to.getTime(); t += step) points.push({ t, row: byTime.get(t) || zero });
  }
  const values = points.flatMap(p => indexes.map(i => p.row[i])).filter(v => typeof v === 'number');
  const { box, y } = frame(svg, Math.max(0, ...values), chart.unit);
  const first = Math.min(...points.map(p => p.t));
  const last = Math.max(...points.map(p => p.t));
  const span = Math.max(last - first, 1);
  const x = t => last === first ? (box.left + box.right) / 2 : box.left + (box.right - box.left) * (t - first) / span;
  const ticks = last === first ? [[first, 'middle']]
    : span < 2 * step ? [[first, 'start'], [last, 'end']]
    : [[first, 'start'], [first + span / 2, 'middle'], [last, 'end']];
  for (const [t, anchor] of ticks) {
    el('text', { x: x(t), y: box.bottom + 16, 'text-anchor': anchor }, svg).textContent = timeLabel(new Date(t), span);
  }
  let marks = 0;
  indexes.forEach((index, s) => {
    const present = points.filter(p => typeof p.row[index] === 'number');
    if (present.length === 0) return;
    const color = COLORS[s % COLORS.length];
    const d = present.map((p, i) => (i > 0 && p.t - present[i - 1].t <= step ? 'L' : 'M') + x(p.t).toFixed(1) + ',' + y(p.row[index]).toFixed(1)).join(' ');
    el('path', { class: 'series', d, stroke: color, 'data-series': chart.series[s][0] }, svg);
    for (const p of present) {
      if (chart.zeroFill && p.row[index] === 0) continue;
      el('circle', { cx: x(p.t), cy: y(p.row[index]), r: present.length > 60 ? 1.5 : 3, fill: color, 'data-series': chart.series[s][0] }, svg)
        .appendChild(el('title', {})).textContent = `${timeLabel(new Date(p.t), span)} ${chart.series[s][1]}: ${formatValue(p.row[index], chart.unit)}`;
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
    const marks = chart.kind === 'line' ? drawLine(svg, chart, body.rows, body.columns, r) : drawBars(svg, chart, body.rows, body.columns);
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
  document.querySelectorAll('#ranges button').forEach(b => b.classList.toggle('active', !fixed && Number(b.dataset.range) === hours));
  await Promise.all([...document.querySelectorAll('figure[data-chart]')].map(figure => render(figure, r)));
  const shown = fixed ? `${r.from.toISOString().slice(0, 16)} to ${r.to.toISOString().slice(0, 16)} UTC, ` : '';
  document.getElementById('status').textContent = shown + 'updated ' + new Date().toISOString().slice(11, 19) + ' UTC';
  document.body.dataset.rendered = 'true';
}

document.querySelectorAll('#ranges button').forEach(button => button.addEventListener('click', () => {
  hours = Number(button.dataset.range);
  fixed = null;
  refresh();
}));
refresh();
setInterval(refresh, 10000);
