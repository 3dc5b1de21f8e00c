// Samarkiv console: small progressive enhancements. Every page works without this file.
(function () {
  'use strict';
  // Ask before destructive actions (revoke, remove, reset).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });
  // A copy button for a secret shown once; hidden when the clipboard is not available.
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var field = document.getElementById(button.getAttribute('data-copy'));
      if (!field) return;
      navigator.clipboard.writeText(field.value).then(function () {
        button.setAttribute('aria-live', 'polite');
        button.textContent = button.textContent.replace(/\s*✓$/, '') + ' ✓';
      });
    });
  });
  // The token field selects itself on focus so that it can be copied with the keyboard too.
  document.querySelectorAll('input.secret').forEach(function (input) {
    input.addEventListener('focus', function () { input.select(); });
  });
  // Live progress of running deliveries: each element with data-events follows the delivery's event
  // stream (the REST API's SSE endpoint) and, on news, takes the server's fresh rendering of itself.
  // Without this script the page offers a refresh link instead.
  var announcer = document.querySelector('[data-live-announce]');
  function refresh(id, whole) {
    return fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        if (whole) {
          var main = document.querySelector('main');
          var next = fresh.querySelector('main');
          if (main && next) main.innerHTML = next.innerHTML;
          return;
        }
        var selector = '[data-delivery="' + id + '"]';
        var current = document.querySelector(selector);
        var replacement = fresh.querySelector(selector);
        if (current && replacement) current.replaceWith(replacement);
      });
  }
  document.querySelectorAll('[data-events]').forEach(function (element) {
    if (!window.EventSource || !window.fetch || !window.DOMParser) return;
    var id = element.getAttribute('data-delivery');
    var whole = element.tagName !== 'TR';
    var label = element.getAttribute('data-label') || '';
    var source = new EventSource(element.getAttribute('data-events'));
    var pending = null;
    function soon() {
      if (pending) return;
      pending = setTimeout(function () { pending = null; refresh(id, false); }, 1000);
    }
    ['created', 'upload-started', 'received', 'stage-started', 'stage-completed'].forEach(function (type) {
      source.addEventListener(type, whole ? function () { if (!pending) pending = setTimeout(function () { pending = null; refresh(id, true); }, 1000); } : soon);
    });
    source.addEventListener('end', function () {
      source.close();
      if (pending) clearTimeout(pending);
      refresh(id, whole).then(function () {
        var row = document.querySelector('[data-delivery="' + id + '"] [data-live="outcome"]');
        var box = document.querySelector('[data-live-announce]') || announcer;
        if (row && box) box.textContent = (label ? label + ': ' : '') + row.textContent.replace(/[✓✗]\s*/g, '').trim();
      });
    });
    source.onerror = function () { if (source.readyState === EventSource.CLOSED) source.close(); };
  });
})();
