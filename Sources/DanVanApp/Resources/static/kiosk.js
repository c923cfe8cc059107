// The kiosk at a counter: one tap records one answer, kept in the browser (each with its
// own id and time) until the server has it, so answers made while the network is down are
// sent when it returns; the server stores each id once, so a batch sent twice counts once.
(function () {
  'use strict';
  var root = document.getElementById('kiosk');
  if (!root) { return; }
  var endpoint = root.getAttribute('data-answers');
  var survey = root.getAttribute('data-survey');   // the survey whose question this page shows
  var storeKey = 'danvan-kiosk-answers:' + endpoint;
  var ask = document.getElementById('kiosk-ask');
  var thanks = document.getElementById('kiosk-thanks');
  var pendingLabel = document.getElementById('kiosk-pending');
  var THANKS_MS = 4000;     // the thank-you screen returns by itself
  var BATCH = 20;           // answers a post carries
  var PACE_MS = 15000;      // the wait between batches of a long backlog (under the server's limit)
  var RETRY_MS = 5000;      // the wait before trying again when the network is down
  var current = null;       // the answer on the thank-you screen, which a reason may still join
  var sending = false;
  var timer = null;
  var stale = false;        // the server runs another survey now: reload once no answer is on screen

  function load() {
    try { var list = JSON.parse(window.localStorage.getItem(storeKey) || '[]'); return Array.isArray(list) ? list : []; }
    catch (e) { return []; }
  }
  function save(list) {
    try { window.localStorage.setItem(storeKey, JSON.stringify(list)); } catch (e) { /* storage full: the answer stays in memory until sent */ }
    var waiting = list.length;
    pendingLabel.textContent = waiting > 0 ? pendingLabel.getAttribute('data-label') + ' ' + waiting : '';
  }
  function newID() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }
  function schedule(ms) {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(function () { timer = null; send(); }, ms);
  }

  // Sends the answers that are ready, a batch at a time; forgets those the server answered for.
  function send() {
    if (sending) { return; }
    var list = load();
    var ready = list.filter(function (a) { return a.ready; }).slice(0, BATCH);
    if (ready.length === 0) { return; }
    sending = true;
    var body = JSON.stringify(ready.map(function (a) { return { id: a.id, at: a.at, choice: a.choice, reason: a.reason || null, survey: a.survey || null }; }));
    fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body, credentials: 'omit', cache: 'no-store' })
      .then(function (response) {
        sending = false;
        // 200: every answer was taken, stored or not; 400: the batch can never be read. Either way it is done.
        if (response.status === 200 || response.status === 400) {
          var sent = {};
          ready.forEach(function (a) { sent[a.id] = true; });
          var rest = load().filter(function (a) { return !sent[a.id]; });
          save(rest);
          if (rest.some(function (a) { return a.ready; })) { schedule(ready.length === BATCH ? PACE_MS : 0); }
          if (response.status === 200) {
            response.json().then(function (result) {
              if (result && result.survey && result.survey !== survey) { stale = true; reloadIfIdle(); }
            }).catch(function () { /* the answers are counted; the question stays */ });
          }
        } else {
          schedule(RETRY_MS);   // revoked (404) or the server is unwell: keep the answers
        }
      })
      .catch(function () { sending = false; schedule(RETRY_MS); });   // offline: keep them, try again
  }

  // A new survey began: show its question (the answers kept are in the browser's storage and survive the reload).
  function reloadIfIdle() {
    if (stale && !current && !sending) { window.location.reload(); }
  }

  function show(screen) {
    ask.hidden = screen !== ask;
    thanks.hidden = screen !== thanks;
  }
  // Ends the thank-you screen of one answer (a later timer of an earlier answer does nothing).
  function finish(id) {
    if (!current || current.id !== id) { return; }
    current = null;
    save(load().map(function (a) { if (a.id === id) { a.ready = true; } return a; }));
    Array.prototype.forEach.call(root.querySelectorAll('.kiosk-reason'), function (b) { b.setAttribute('aria-pressed', 'false'); });
    show(ask);
    // A backlog being sent a batch at a time keeps its pace (the server's limit): only send now when nothing waits.
    if (!timer) { send(); }
    reloadIfIdle();
  }

  Array.prototype.forEach.call(root.querySelectorAll('.kiosk-choice'), function (button) {
    button.addEventListener('click', function () {
      if (current) { return; }   // locked while the thank-you screen shows: a double tap is one answer
      current = { id: newID(), at: Date.now(), choice: button.getAttribute('data-choice'), reason: null, ready: false, survey: survey };
      var list = load();
      list.push(current);
      save(list);
      show(thanks);
      var id = current.id;
      window.setTimeout(function () { finish(id); }, THANKS_MS);
    });
  });
  Array.prototype.forEach.call(root.querySelectorAll('.kiosk-reason'), function (button) {
    button.addEventListener('click', function () {
      if (!current) { return; }
      var id = current.id, reason = button.getAttribute('data-reason');
      save(load().map(function (a) { if (a.id === id) { a.reason = reason; } return a; }));
      button.setAttribute('aria-pressed', 'true');
      window.setTimeout(function () { finish(id); }, 600);
    });
  });
  window.addEventListener('online', function () { send(); });
  // Answers left from before a reload are ready: their thank-you screen has gone.
  save(load().map(function (a) { a.ready = true; return a; }));
  send();
  window.setInterval(function () { if (!sending && !timer) { send(); } }, 30000);
}());
