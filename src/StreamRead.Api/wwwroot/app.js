// StreamRead live page: a few conversations with each message's "N read / M unread", one user's
// badges, and pipeline throughput, all kept current by one Server-Sent Events stream
// (/v1/stream). Plain browser JavaScript, no build step.
'use strict';

const MESSAGES_SHOWN = 6;
const MESSAGES_KEPT = 40;
const BADGES_SHOWN = 12;

const query = new URLSearchParams(location.search);
const token = new URLSearchParams(location.hash.slice(1)).get('token') || sessionStorage.getItem('streamread-token');
if (token) {
  // An API key in the fragment (#token=...) never reaches server logs; keep it for reloads.
  sessionStorage.setItem('streamread-token', token);
}

const conversations = new Map(); // id -> { messages: Map(seq -> counts), element }
const badges = new Map(); // conversationId -> { unread, readSeq, lastSeq, member }
let total = 0;
let userId = null;

function $(id) {
  return document.getElementById(id);
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

async function api(path) {
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `${path}: HTTP ${response.status}`);
  }
  return response.json();
}

function setStatus(text, kind) {
  const status = $('status');
  status.textContent = text;
  status.className = `status ${kind}`;
}

function number(value) {
  return Number(value).toLocaleString('en-US');
}

function list(value) {
  return (value || '').split(',').map(s => s.trim()).filter(Boolean);
}

// --- conversations -------------------------------------------------------------------------

function addConversation(id) {
  const card = element('article', 'conversation');
  card.dataset.conversation = id;
  const title = element('h2', null, id);
  const meta = element('div', 'meta', 'waiting for messages…');
  const rows = element('ol', 'messages');
  card.append(title, meta, rows);
  $('conversations').append(card);
  conversations.set(id, { messages: new Map(), element: card, meta, rows });
}

function onReceipt(receipt) {
  const conversation = conversations.get(receipt.conversationId);
  if (!conversation) return;
  const known = conversation.messages.get(receipt.seq);
  if (known && known.version > receipt.version) return; // never go back in time
  const changed = !known || known.read !== receipt.read || known.eligible !== receipt.eligible;
  conversation.messages.set(receipt.seq, receipt);
  if (conversation.messages.size > MESSAGES_KEPT) {
    const oldest = Math.min(...conversation.messages.keys());
    conversation.messages.delete(oldest);
  }
  renderConversation(conversation, changed ? receipt.seq : null);
}

function renderConversation(conversation, flashSeq) {
  const seqs = [...conversation.messages.keys()].sort((a, b) => a - b).slice(-MESSAGES_SHOWN);
  const latest = conversation.messages.get(seqs[seqs.length - 1]);
  conversation.meta.textContent = latest
    ? `last message #${latest.seq} · ${number(latest.eligible)} eligible reader${latest.eligible === 1 ? "" : "s"} · version ${latest.version}`
    : 'waiting for messages…';
  const rows = seqs.map(seq => {
    const r = conversation.messages.get(seq);
    const row = element('li', 'message');
    row.dataset.seq = String(seq);
    const label = element('span', 'seq', `#${seq}`);
    const bar = element('span', 'bar');
    const fill = element('span', 'fill');
    fill.style.width = r.eligible > 0 ? `${(100 * r.read) / r.eligible}%` : '0%';
    bar.append(fill);
    const counts = element('span', 'counts', `${number(r.read)} read / ${number(r.unread)} unread`);
    counts.dataset.testid = 'counts';
    if (r.eligible > 0 && r.read === r.eligible) row.classList.add('all-read');
    if (seq === flashSeq) row.classList.add('flash');
    row.append(label, bar, counts);
    return row;
  });
  conversation.rows.replaceChildren(...rows);
}

// --- badges ----------------------------------------------------------------------------------

function onBadge(badge) {
  if (badge.userId !== userId) return;
  const known = badges.get(badge.conversationId);
  if (known && known.version > badge.version) return;
  if (badge.member) {
    badges.set(badge.conversationId, badge);
  } else {
    badges.delete(badge.conversationId);
  }
  total = badge.total;
  renderBadges(badge.conversationId);
}

function renderBadges(flashId) {
  $('badge-total').textContent = number(total);
  const watched = new Set(conversations.keys());
  const entries = [...badges.values()]
    .sort((a, b) => (watched.has(b.conversationId) - watched.has(a.conversationId)) || b.unread - a.unread
      || a.conversationId.localeCompare(b.conversationId))
    .slice(0, BADGES_SHOWN);
  $('badge-list').replaceChildren(...entries.map(b => {
    const item = element('li', b.unread > 0 ? 'badge unread' : 'badge');
    item.dataset.conversation = b.conversationId;
    if (b.conversationId === flashId) item.classList.add('flash');
    item.append(element('span', 'name', b.conversationId), element('span', 'pill', number(b.unread)));
    item.title = `read up to #${b.readSeq} of #${b.lastSeq}`;
    return item;
  }));
}

// --- pipeline --------------------------------------------------------------------------------

function rateOf(rates, topic) {
  const key = Object.keys(rates).find(k => k === topic || k.endsWith(`.${topic}`) || k.endsWith(topic));
  return key === undefined ? null : rates[key];
}

function show(id, value, digits = 0) {
  $(id).textContent = value === null || value === undefined ? '–' : Number(value).toFixed(digits);
}

async function refreshPipeline() {
  try {
    const p = await api('/v1/pipeline');
    show('stat-messages', rateOf(p.consumedPerSecond, 'chat.messages'), 1);
    show('stat-reads', rateOf(p.consumedPerSecond, 'chat.reads'), 1);
    show('stat-members', rateOf(p.consumedPerSecond, 'chat.members'), 1);
    show('stat-receipts', p.receiptsPerSecond, 1);
    show('stat-lag', p.processorLag);
    show('stat-delay', p.pushDelayMs, 1);
    show('stat-streams', p.streams);
    return p;
  } catch (e) {
    setStatus(e.message, 'error');
    return null;
  }
}

// --- start -----------------------------------------------------------------------------------

async function choose() {
  // ?c=..&u=.. first, then what the server suggests (the demo's showcase), then recent activity.
  for (;;) {
    const p = await refreshPipeline();
    if (p) {
      const ids = list(query.get('c')).length ? list(query.get('c'))
        : p.page.conversationIds.length ? p.page.conversationIds : p.recentConversations.slice(0, 4);
      const user = query.get('u') || p.page.userId || p.recentUsers[0] || null;
      if (ids.length || user) return { ids, user };
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

function connect(ids, user) {
  const url = new URL('/v1/stream', location.origin);
  ids.forEach(id => url.searchParams.append('conversationId', id));
  if (user) url.searchParams.append('userId', user);
  if (token) url.searchParams.append('access_token', token);
  const stream = new EventSource(url);
  stream.addEventListener('receipt', e => onReceipt(JSON.parse(e.data)));
  stream.addEventListener('badge', e => onBadge(JSON.parse(e.data)));
  stream.addEventListener('ready', () => setStatus('live', 'live'));
  stream.onerror = () => {
    // EventSource reconnects by itself; the server sends the current state again.
    setStatus('reconnecting…', 'connecting');
    if (stream.readyState === EventSource.CLOSED) setTimeout(() => connect(ids, user), 2000);
  };
}

async function start() {
  const { ids, user } = await choose();
  $('waiting').remove();
  ids.forEach(addConversation);
  userId = user;
  $('badge-user').textContent = user || '–';
  if (!user) $('badge-list').replaceChildren(element('li', 'hint', 'Add &u=<user> to the URL to follow a user\'s badges.'));
  connect(ids, user);
  setInterval(refreshPipeline, 1000);
}

start();
