// The live board: signs in with the REST API (HTTP Basic), then connects over the server's own
// WebSocket endpoint with Strophe.js, subscribes like a Finesse desktop and keeps the page in step
// with the agent events it is sent. Reconnects after a drop, with a growing pause, and resumes its
// session when it can (XEP-0198, Strophe's own): then nothing sent while it was away is lost.
'use strict';

const PUBSUB = 'http://jabber.org/protocol/pubsub';
const PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
const $ = id => document.getElementById(id);

const session = {
  user: null, password: null, domain: null, pubsub: null,
  resource: 'board-' + Math.random().toString(36).slice(2, 10),
  connection: null, wanted: false, retries: 0, timer: null,
  me: null,            // { loginId, firstName, lastName, state, reason, since, teamId, teamName }
  teams: new Map(),    // team id -> { id, name, members: Map(loginId -> agent) }
};

// ---- REST -------------------------------------------------------------------------------------

function basic(user, password) {
  const bytes = new TextEncoder().encode(user + ':' + password);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: Object.assign({ 'Authorization': basic(session.user, session.password), 'X-Requested-With': 'XMLHttpRequest' },
        body ? { 'Content-Type': 'application/xml' } : {}),
      body,
      cache: 'no-store',
    });
  } catch (e) {
    throw new Error('Cannot reach the server (' + e.message + ').');
  }
  const text = await response.text();
  if (!response.ok) {
    const message = text ? xml(text).querySelector('ErrorMessage') : null;
    if (response.status === 401) {
      throw new Error('Wrong user name or password.');
    }
    throw new Error((message ? message.textContent : response.statusText) + ' (HTTP ' + response.status + ')');
  }
  return text ? xml(text).documentElement : null;
}

function xml(text) {
  return new DOMParser().parseFromString(text, 'text/xml');
}

function child(element, name) {
  const found = Array.from(element.children).find(c => c.localName === name);
  return found ? found.textContent : '';
}

/** An agent from a Finesse <User> (REST) or <user> (notification) element. */
function agent(user) {
  const reason = Array.from(user.children).find(c => c.localName === 'ReasonCode');
  return {
    loginId: child(user, 'loginId'),
    firstName: child(user, 'firstName'),
    lastName: child(user, 'lastName'),
    state: child(user, 'state'),
    reason: reason ? child(reason, 'label') : '',
    since: Date.parse(child(user, 'stateChangeTime')) || Date.now(),
    teamId: child(user, 'teamId'),
    teamName: child(user, 'teamName'),
  };
}

// ---- signing in and out ------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  clearError();
  session.user = $('user').value.trim().replace(/@.*$/, '');
  session.password = $('password').value;
  $('sign-in-button').disabled = true;
  try {
    const info = await fetch('/finesse/api/SystemInfo', { cache: 'no-store' }).then(r => r.text()).then(xml);
    session.domain = info.querySelector('xmppDomain').textContent;
    session.pubsub = info.querySelector('xmppPubSubDomain').textContent;
    const user = await api('GET', '/finesse/api/User/' + encodeURIComponent(session.user));
    session.me = agent(user);
    session.teams.clear();
    for (const team of user.querySelectorAll('teams > Team')) {
      session.teams.set(child(team, 'id'), { id: child(team, 'id'), name: child(team, 'name'), members: new Map() });
    }
    $('sign-in').hidden = true;
    $('board').hidden = false;
    $('sign-out').hidden = false;
    $('my-name').textContent = session.me.firstName + ' ' + session.me.lastName + ' (' + session.me.loginId + ')';
    $('my-team').textContent = session.me.teamName;
    renderTeams();
    renderMe();
    session.wanted = true;
    session.retries = 0;
    connect();
  } catch (e) {
    showError(e.message === 'Wrong user name or password.' ? e.message : 'Signing in failed: ' + e.message);
  } finally {
    $('sign-in-button').disabled = false;
  }
}

function signOut() {
  leave('signed out');
  session.password = null;
  $('board').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  setStatus('offline', 'signed out');
}

// ---- XMPP --------------------------------------------------------------------------------------

function connect() {
  clearTimeout(session.timer);
  setStatus(session.retries ? 'reconnecting' : 'connecting', session.retries ? 'reconnecting…' : 'connecting…');
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/';
  // the resumable session is kept in sessionStorage, per user, so the next connection of this page resumes it
  const connection = new Strophe.Connection(url, { enableStreamManagement: true, streamManagement: { requestResume: true } });
  session.connection = connection;
  let failure = null;
  connection.connect(session.user + '@' + session.domain + '/' + session.resource, session.password, (status, condition) => {
    if (connection !== session.connection) {
      return; // an older connection, already replaced
    }
    switch (status) {
      case Strophe.Status.CONNECTED:
        online(connection);
        break;
      case Strophe.Status.AUTHFAIL:
        session.wanted = false;
        showError('The server refused the password for ' + session.user + '.');
        break;
      case Strophe.Status.CONNFAIL:
      case Strophe.Status.ERROR:
        failure = condition;
        break;
      case Strophe.Status.DISCONNECTED:
        if (session.wanted) {
          retry(failure);
        } else if (!$('status').textContent.startsWith('signed out')) {
          setStatus('offline', 'disconnected');
        }
        break;
      default:
    }
  });
}

function retry(condition) {
  session.retries++;
  const delay = Math.min(1000 * 2 ** (session.retries - 1), 15000);
  setStatus('reconnecting', 'reconnecting… (connection lost' + (condition ? ': ' + condition : '') + ')');
  session.timer = setTimeout(connect, delay);
}

async function online(connection) {
  connection.addHandler(onMessage, null, 'message');
  if (connection.hasResumed()) {
    // the same session: its presence and subscriptions stand, and what it missed is being resent
    session.retries = 0;
    clearError();
    setStatus('online', 'connected (resumed)');
    return;
  }
  connection.send($pres());
  try {
    await Promise.all(subscribedNodes().map(node => subscribe(connection, node)));
    await refresh(); // what changed while we were away
    session.retries = 0;
    clearError();
    setStatus('online', 'connected');
  } catch (e) {
    showError(e.message);
  }
}

/** The nodes a desktop of this user subscribes to: its own, and its teams' for a supervisor. */
function subscribedNodes() {
  const nodes = ['/finesse/api/User/' + session.user];
  session.teams.forEach(team => nodes.push('/finesse/api/Team/' + team.id + '/Users'));
  return nodes;
}

function subscribe(connection, node) {
  return new Promise((resolve, reject) => {
    const iq = $iq({ type: 'set', to: session.pubsub })
      .c('pubsub', { xmlns: PUBSUB }).c('subscribe', { node, jid: connection.jid });
    connection.sendIQ(iq, resolve, error => {
      const condition = error && error.querySelector('error > *');
      reject(new Error('Subscribing to ' + node + ' failed' + (condition ? ': ' + condition.localName : ' (no answer)')));
    }, 10000);
  });
}

/** Reads the current states over REST: after (re)connecting, notifications say only what changes. */
async function refresh() {
  session.me = agent(await api('GET', '/finesse/api/User/' + encodeURIComponent(session.user)));
  renderMe();
  for (const team of session.teams.values()) {
    const document = await api('GET', '/finesse/api/Team/' + encodeURIComponent(team.id));
    team.members.clear();
    document.querySelectorAll('users > User').forEach(user => {
      const member = agent(user);
      team.members.set(member.loginId, member);
    });
  }
  renderTeams();
}

function onMessage(message) {
  const items = message.getElementsByTagNameNS(PUBSUB_EVENT, 'items')[0];
  if (!items) {
    return true;
  }
  const node = items.getAttribute('node') || '';
  for (const notification of items.getElementsByTagNameNS(PUBSUB, 'notification')) {
    const update = xml(notification.textContent).documentElement;
    const user = update.querySelector('data > user');
    if (!user) {
      continue;
    }
    const changed = agent(user);
    if (node === '/finesse/api/User/' + session.user) {
      session.me = Object.assign(session.me, changed);
      renderMe();
    }
    const team = node.match(/^\/finesse\/api\/Team\/([^/]+)\/Users$/);
    if (team && session.teams.has(team[1])) {
      session.teams.get(team[1]).members.set(changed.loginId, changed);
      renderTeams();
    }
  }
  return true; // keep the handler
}

// ---- changing one's own state ------------------------------------------------------------------

async function setState(state) {
  clearError();
  const reason = state === 'NOT_READY' ? '<reasonCodeId>' + $('reason').value + '</reasonCodeId>' : '';
  try {
    await api('PUT', '/finesse/api/User/' + encodeURIComponent(session.user), '<User><state>' + state + '</state>' + reason + '</User>');
  } catch (e) {
    showError('Changing the state failed: ' + e.message);
  }
}

// ---- the page ----------------------------------------------------------------------------------

function setStatus(kind, text) {
  $('status').className = 'status ' + kind;
  $('status').textContent = text;
}

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

function duration(since) {
  const seconds = Math.max(0, Math.floor((Date.now() - since) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes ? minutes + ' min ' + (seconds % 60) + ' s' : seconds + ' s';
}

function renderMe() {
  if (!session.me) {
    return;
  }
  $('my-state').textContent = session.me.state;
  $('my-state').className = 'state ' + session.me.state;
  $('my-reason').textContent = session.me.reason;
  $('my-time').textContent = duration(session.me.since);
}

function renderTeams() {
  const container = $('teams');
  container.hidden = session.teams.size === 0;
  container.replaceChildren();
  for (const team of session.teams.values()) {
    const heading = document.createElement('h2');
    heading.textContent = 'Team ' + team.name + ' (' + team.id + ')';
    const table = document.createElement('table');
    table.id = 'team-' + team.id;
    table.innerHTML = '<thead><tr><th>Agent</th><th>State</th><th>Reason</th><th>Time in state</th></tr></thead><tbody></tbody>';
    const members = Array.from(team.members.values()).sort((a, b) => a.loginId.localeCompare(b.loginId));
    for (const member of members) {
      const row = table.tBodies[0].insertRow();
      row.dataset.loginId = member.loginId;
      row.insertCell().textContent = member.firstName + ' ' + member.lastName + ' (' + member.loginId + ')';
      const state = document.createElement('span');
      state.className = 'state ' + member.state;
      state.textContent = member.state;
      const stateCell = row.insertCell();
      stateCell.className = 'agent-state';
      stateCell.append(state);
      row.insertCell().textContent = member.reason;
      const time = row.insertCell();
      time.className = 'time';
      time.dataset.since = member.since;
      time.textContent = duration(member.since);
    }
    container.append(heading, table);
  }
}

setInterval(() => {
  renderMe();
  document.querySelectorAll('td.time').forEach(cell => { cell.textContent = duration(Number(cell.dataset.since)); });
}, 1000);

$('sign-in').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
$('ready').addEventListener('click', () => setState('READY'));
$('not-ready').addEventListener('click', () => setState('NOT_READY'));
window.addEventListener('beforeunload', () => leave('page closed'));

/** Ends the session for good: the subscriptions of this page's JID go too, so that none piles up on the server. */
function leave(reason) {
  session.wanted = false;
  clearTimeout(session.timer);
  const connection = session.connection;
  if (connection && connection.connected) {
    subscribedNodes().forEach(node => connection.send($iq({ type: 'set', to: session.pubsub, id: connection.getUniqueId('unsubscribe') })
      .c('pubsub', { xmlns: PUBSUB }).c('unsubscribe', { node, jid: connection.jid })));
    connection.flush();
  }
  if (connection) {
    connection.disconnect(reason);
  }
}
