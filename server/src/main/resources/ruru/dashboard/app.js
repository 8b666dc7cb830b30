// ruru dashboard: one page, no dependencies, talking to the daemon's (or the Control Agent's)
// own JSON API on the same origin with the browser's credentials for it.
'use strict';

const REFRESH_MS = 2000;
const LEASES_EVERY = 5;          // refreshes between two reloads of the recent leases
const WINDOW_S = 600;            // packet chart: last ten minutes
const RECENT = 25;

const state = {
  session: null,
  services: [null],              // null: the daemon itself; else Control Agent service names
  service: null,
  family: '4',                   // '4' or '6', from the daemon's configuration
  config: null,
  history: [],                   // { t, rx, tx } packet totals
  ticks: 0,
  searching: false,
  up: {},
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
  return e;
}

/** One command; resolves to the answer map (the first element of Kea's list). */
async function command(name, args, service) {
  const body = { command: name };
  if (args) body.arguments = args;
  const target = service === undefined ? state.service : service;
  if (target) body.service = [target];
  const r = await fetch('/', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (r.status === 401) throw new Error('not authenticated (reload the page to log in)');
  if (r.status === 403) throw new Error(`user ${state.session.user} may not send ${name}`);
  if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
  const answer = await r.json();
  return Array.isArray(answer) ? answer[0] : answer;
}

function showError(message) {
  const e = $('error');
  e.hidden = !message;
  e.textContent = message || '';
}

async function start() {
  const r = await fetch('/session', { credentials: 'same-origin' });
  if (!r.ok) { showError(`session: HTTP ${r.status}`); return; }
  state.session = await r.json();
  $('daemon').textContent = state.session.daemon;
  $('user').textContent = state.session.user ? `user ${state.session.user}` : '';
  $('window').textContent = String(WINDOW_S / 60);
  if (state.session.agent) {
    const cfg = await command('config-get', null, null);
    const sockets = ((cfg.arguments || {})['Control-agent'] || {})['control-sockets'] || {};
    state.services = Object.keys(sockets).sort();
    state.service = state.services[0] || null;
    renderServices();
  }
  $('disable').onclick = () => act('dhcp-disable');
  $('enable').onclick = () => act('dhcp-enable');
  $('search').onsubmit = (ev) => { ev.preventDefault(); search($('query').value.trim()); };
  $('clear').onclick = () => { $('query').value = ''; state.searching = false; loadLeases(); };
  await loadConfig();
  await refresh();
  loadLeases();
  setInterval(refresh, REFRESH_MS);
}

function renderServices() {
  const nav = $('services');
  nav.hidden = state.services.length === 0;
  nav.replaceChildren(...state.services.map((s) => {
    const b = el('button', { type: 'button', class: (s === state.service ? 'active ' : '') + (state.up[s] === false ? 'down' : ''),
      'data-service': s }, s);
    b.onclick = async () => {
      state.service = s; state.history = []; state.config = null; state.searching = false;
      renderServices(); await loadConfig(); await refresh(); loadLeases();
    };
    return b;
  }));
}

async function loadConfig() {
  try {
    const a = await command('config-get');
    if (a.result !== 0) throw new Error(a.text);
    const args = a.arguments || {};
    state.config = args.Dhcp4 || args.Dhcp6 || args.DhcpDdns || {};
    state.family = args.Dhcp6 ? '6' : '4';
    state.kind = args.Dhcp4 ? 'dhcp4' : args.Dhcp6 ? 'dhcp6' : 'd2';
  } catch (e) {
    if (state.service) state.up[state.service] = false;
    showError(String(e.message || e));
  }
}

function subnetsOf(config) {
  const key = state.family === '6' ? 'subnet6' : 'subnet4';
  const out = [...(config[key] || [])];
  for (const net of config['shared-networks'] || []) out.push(...(net[key] || []).map((s) => ({ ...s, network: net.name })));
  return out;
}

function latest(stats, name) {
  const s = stats[name];
  return s && s.length ? Number(s[0][0]) : undefined;
}

async function refresh() {
  try {
    const [status, stats] = await Promise.all([command('status-get'), command('statistic-get-all')]);
    if (stats.result !== 0) throw new Error(stats.text);
    if (state.service) { state.up[state.service] = true; renderServices(); }
    renderState(status.arguments || {});
    const s = stats.arguments || {};
    renderSubnets(s);
    recordRates(s);
    renderChart();
    showError('');
    state.ticks++;
    document.body.dataset.refreshes = String(state.ticks);
    if (state.ticks % LEASES_EVERY === 0 && !state.searching) loadLeases();
  } catch (e) {
    if (state.service) { state.up[state.service] = false; renderServices(); }
    showError(String(e.message || e));
  }
}

function renderState(status) {
  const ds = status['dhcp-state'];
  const badge = $('state');
  const may = state.session.may || {};
  if (!ds || state.kind === 'd2') {
    badge.textContent = `up ${status.uptime ?? '?'} s`;
    badge.className = 'badge enabled';
    $('disable').hidden = $('enable').hidden = true;
    return;
  }
  const disabled = ds['globally-disabled'];
  badge.textContent = disabled ? 'DHCP service disabled' : 'DHCP service enabled';
  badge.className = 'badge ' + (disabled ? 'disabled' : 'enabled');
  $('disable').hidden = disabled || !may['dhcp-disable'];
  $('enable').hidden = !disabled || !may['dhcp-enable'];
}

async function act(name) {
  try {
    const a = await command(name);
    if (a.result !== 0) throw new Error(a.text);
    await refresh();
  } catch (e) {
    showError(String(e.message || e));
  }
}

function meter(assigned, total) {
  const ratio = total > 0 ? assigned / total : 0;
  const m = el('div', { class: 'meter' + (ratio >= 0.95 ? ' full' : ratio >= 0.8 ? ' warn' : '') }, el('div'),
    el('span', {}, `${(ratio * 100).toFixed(1)} %`));
  m.firstChild.style.width = `${Math.min(100, ratio * 100)}%`;
  return m;
}

function renderSubnets(stats) {
  const body = $('subnets').querySelector('tbody');
  const rows = [];
  const [assignedName, totalName] = state.family === '6' ? ['assigned-nas', 'total-nas'] : ['assigned-addresses', 'total-addresses'];
  for (const subnet of subnetsOf(state.config || {})) {
    const id = subnet.id;
    const a = latest(stats, `subnet[${id}].${assignedName}`) || 0;
    const t = latest(stats, `subnet[${id}].${totalName}`) || 0;
    rows.push(el('tr', { class: 'subnet', 'data-subnet-id': String(id), 'data-assigned': String(a), 'data-total': String(t) },
      el('td', {}, subnet.subnet + (subnet.network ? ` (${subnet.network})` : '')), el('td', {}, id), el('td', {}, ''),
      el('td', { class: 'bar' }, meter(a, t)), el('td', {}, a), el('td', {}, t)));
    const byId = new Map();
    for (const p of subnet.pools || []) {
      const pid = p['pool-id'] || 0;
      byId.set(pid, [...(byId.get(pid) || []), p.pool]);
    }
    for (const [pid, texts] of byId) {
      const pa = latest(stats, `subnet[${id}].pool[${pid}].${assignedName}`);
      const pt = latest(stats, `subnet[${id}].pool[${pid}].${totalName}`);
      if (pt === undefined) continue;
      rows.push(el('tr', { class: 'pool', 'data-pool-id': String(pid) }, el('td', {}, ''), el('td', {}, ''),
        el('td', {}, texts.join(', ')), el('td', { class: 'bar' }, meter(pa || 0, pt)), el('td', {}, pa || 0), el('td', {}, pt)));
    }
    if (state.family === '6') rows.push(...prefixRows(stats, subnet));
  }
  if (rows.length === 0) rows.push(el('tr', {}, el('td', { colSpan: 6, class: 'note' }, 'No subnets configured.')));
  body.replaceChildren(...rows);
}

/** DHCPv6: the subnet's delegated prefixes (assigned-pds / total-pds), then one row per pd-pool id. */
function prefixRows(stats, subnet) {
  const id = subnet.id;
  const t = latest(stats, `subnet[${id}].total-pds`);
  if (!t) return [];
  const a = latest(stats, `subnet[${id}].assigned-pds`) || 0;
  const rows = [el('tr', { class: 'pd', 'data-subnet-id': String(id), 'data-assigned': String(a), 'data-total': String(t) },
    el('td', {}, ''), el('td', {}, ''), el('td', {}, 'delegated prefixes'), el('td', { class: 'bar' }, meter(a, t)),
    el('td', {}, a), el('td', {}, t))];
  const byId = new Map();
  for (const p of subnet['pd-pools'] || []) {
    const pid = p['pool-id'] || 0;
    byId.set(pid, [...(byId.get(pid) || []), `${p.prefix}/${p['prefix-len']} (/${p['delegated-len']})`]);
  }
  for (const [pid, texts] of byId) {
    const pa = latest(stats, `subnet[${id}].pd-pool[${pid}].assigned-pds`);
    const pt = latest(stats, `subnet[${id}].pd-pool[${pid}].total-pds`);
    if (pt === undefined) continue;
    rows.push(el('tr', { class: 'pool pd', 'data-pd-pool-id': String(pid), 'data-assigned': String(pa || 0), 'data-total': String(pt) },
      el('td', {}, ''), el('td', {}, ''), el('td', {}, texts.join(', ')), el('td', { class: 'bar' }, meter(pa || 0, pt)),
      el('td', {}, pa || 0), el('td', {}, pt)));
  }
  return rows;
}

function recordRates(stats) {
  const p = state.kind === 'd2' ? ['ncr-received', 'update-sent'] : [`pkt${state.family}-received`, `pkt${state.family}-sent`];
  const now = Date.now() / 1000;
  state.history.push({ t: now, rx: latest(stats, p[0]) || 0, tx: latest(stats, p[1]) || 0 });
  while (state.history.length > 2 && state.history[0].t < now - WINDOW_S - 5) state.history.shift();
}

function renderChart() {
  const svg = $('chart');
  const ns = 'http://www.w3.org/2000/svg';
  const h = state.history;
  const rates = [];
  for (let i = 1; i < h.length; i++) {
    const dt = Math.max(0.001, h[i].t - h[i - 1].t);
    rates.push({ t: h[i].t, rx: Math.max(0, (h[i].rx - h[i - 1].rx) / dt), tx: Math.max(0, (h[i].tx - h[i - 1].tx) / dt) });
  }
  const max = Math.max(1, ...rates.map((r) => Math.max(r.rx, r.tx)));
  const top = niceCeil(max);
  const now = h.length ? h[h.length - 1].t : Date.now() / 1000;
  const x = (t) => 800 - ((now - t) / WINDOW_S) * 800;
  const y = (v) => 195 - (v / top) * 185;
  const parts = [];
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    parts.push(svgEl(ns, 'line', { class: 'grid', x1: 0, x2: 800, y1: y(v), y2: y(v) }));
    parts.push(svgEl(ns, 'text', { x: 4, y: y(v) - 2 }, `${v.toFixed(v < 10 ? 1 : 0)}/s`));
  }
  for (const key of ['rx', 'tx']) {
    const points = rates.map((r) => `${x(r.t).toFixed(1)},${y(r[key]).toFixed(1)}`).join(' ');
    parts.push(svgEl(ns, 'polyline', { class: key, points }));
  }
  svg.replaceChildren(...parts);
  const last = rates[rates.length - 1];
  $('rates').textContent = last ? `now ${last.rx.toFixed(1)}/s in, ${last.tx.toFixed(1)}/s out` : 'collecting…';
  svg.dataset.points = String(rates.length);
}

function niceCeil(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function svgEl(ns, tag, attrs, text) {
  const e = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function leaseCommand(base) {
  return `lease${state.family}-${base}`;
}

async function loadLeases() {
  if (state.kind === 'd2') { renderLeases([], 'The DHCP-DDNS server has no leases.'); return; }
  try {
    const a = await command(leaseCommand('get-all'));
    if (a.result === 2) { renderLeases([], 'Lease commands are not loaded: add libdhcp_lease_cmds.so to hooks-libraries.'); return; }
    const leases = (a.arguments || {}).leases || [];
    leases.sort((p, q) => obtained(q) - obtained(p));
    renderLeases(leases.slice(0, RECENT), `${leases.length} lease(s); the ${Math.min(RECENT, leases.length)} most recently obtained or renewed:`);
  } catch (e) {
    renderLeases([], String(e.message || e));
  }
}

function obtained(lease) {
  return (lease.cltt !== undefined ? lease.cltt : (lease.expire || 0) - (lease['valid-lft'] || 0));
}

async function search(q) {
  if (!q) { state.searching = false; loadLeases(); return; }
  state.searching = true;
  let name; let args;
  if (/^[0-9.]+$/.test(q) || (state.family === '6' && q.includes(':') && !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(q))) {
    name = leaseCommand('get'); args = { 'ip-address': q };
  } else if (/^([0-9a-f]{1,2}[:-]){5}[0-9a-f]{1,2}$/i.test(q)) {
    name = leaseCommand('get-by-hw-address'); args = { 'hw-address': q.replace(/-/g, ':').toLowerCase() };
  } else {
    name = leaseCommand('get-by-hostname'); args = { hostname: q };
  }
  try {
    const a = await command(name, args);
    if (a.result === 2) {
      renderLeases([], a.text.includes('not supported') ? 'Lease commands are not loaded: add libdhcp_lease_cmds.so to hooks-libraries.' : a.text);
      return;
    }
    const found = a.arguments ? (a.arguments.leases || (a.arguments['ip-address'] ? [a.arguments] : [])) : [];
    renderLeases(found, found.length ? `${found.length} lease(s) matching "${q}":` : `No lease matches "${q}".`);
  } catch (e) {
    renderLeases([], String(e.message || e));
  }
}

function when(epoch) {
  return epoch ? new Date(epoch * 1000).toLocaleString() : '';
}

const STATES = { 0: 'assigned', 1: 'declined', 2: 'reclaimed', 3: 'released', 4: 'registered' };

function renderLeases(leases, note) {
  $('lease-note').textContent = note || '';
  const v6 = state.family === '6';
  $('leases').querySelector('thead th:nth-child(2)').textContent = v6 ? 'DUID' : 'MAC address';
  $('leases').querySelector('tbody').replaceChildren(...leases.map((l) => el('tr', { 'data-address': l['ip-address'] },
    el('td', {}, l['ip-address'] + (l.type === 'IA_PD' ? `/${l['prefix-len']}` : '')),
    el('td', {}, (v6 ? l.duid : l['hw-address']) || l['hw-address'] || ''), el('td', {}, l.hostname || ''),
    el('td', {}, l['subnet-id']), el('td', {}, STATES[l.state] || l.state), el('td', {}, when(obtained(l))),
    el('td', {}, when(l.expire !== undefined ? l.expire : obtained(l) + (l['valid-lft'] || 0))))));
}

start().catch((e) => showError(String(e.message || e)));
