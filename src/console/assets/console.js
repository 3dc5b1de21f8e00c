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
  // Live progress of running deliveries, without a reload. A delivery's own page follows its event
  // stream (the REST API's SSE endpoint); the list polls itself, so that many running deliveries
  // never hold more than one connection (browsers allow six per site). On news the page takes the
  // server's fresh rendering of the changed parts. Without this script the pages offer a refresh link.
  function fetchPage() {
    return fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) { return html ? new DOMParser().parseFromString(html, 'text/html') : null; });
  }
  function announce(text) {
    var box = document.querySelector('[data-live-announce]');
    if (box && text) box.textContent = text;
  }
  function outcomeOf(element) {
    var cell = element && element.querySelector('[data-live="outcome"]');
    return cell ? cell.textContent.replace(/[✓✗]\s*/g, '').trim() : '';
  }
  if (window.fetch && window.DOMParser) {
    var rows = document.querySelectorAll('tr[data-events]');
    if (rows.length > 0) {
      var poll = function () {
        var running = document.querySelectorAll('tr[data-events]');
        if (running.length === 0) return;
        fetchPage().then(function (fresh) {
          if (fresh) {
            running.forEach(function (row) {
              var id = row.getAttribute('data-delivery');
              var next = fresh.querySelector('tr[data-delivery="' + id + '"]');
              if (!next) return;
              row.replaceWith(next);
              if (!next.hasAttribute('data-events')) announce((row.getAttribute('data-label') || '') + ': ' + outcomeOf(next));
            });
          }
          setTimeout(poll, 3000);
        }, function () { setTimeout(poll, 10000); });
      };
      setTimeout(poll, 3000);
    }
    var detail = document.querySelector('dl[data-events]');
    if (detail && window.EventSource) {
      var source = new EventSource(detail.getAttribute('data-events'));
      var pending = null;
      var refresh = function (done) {
        return fetchPage().then(function (fresh) {
          var main = document.querySelector('main');
          var next = fresh && fresh.querySelector('main');
          if (!main || !next) return;
          var focused = document.activeElement && document.activeElement.id;
          if (done) {
            main.innerHTML = next.innerHTML;
            if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
            // After the new live region is in the accessibility tree, so that it is read out.
            setTimeout(function () { announce(outcomeOf(main.querySelector('dl.facts'))); }, 300);
          } else {
            var facts = main.querySelector('dl[data-delivery]');
            var fresher = next.querySelector('dl[data-delivery]');
            if (facts && fresher) facts.replaceWith(fresher);
          }
        });
      };
      ['received', 'stage-started', 'stage-completed'].forEach(function (type) {
        source.addEventListener(type, function () {
          if (!pending) pending = setTimeout(function () { pending = null; refresh(false); }, 1000);
        });
      });
      source.addEventListener('end', function () {
        source.close();
        if (pending) clearTimeout(pending);
        refresh(true);
      });
    }
  }
  // Tick (or untick) every row of a result page for the form the rows' checkboxes belong to.
  document.querySelectorAll('[data-select-all]').forEach(function (button) {
    var boxes = document.querySelectorAll('input[type=checkbox][form="' + button.getAttribute('data-select-all') + '"]');
    if (boxes.length === 0) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var all = Array.prototype.every.call(boxes, function (b) { return b.checked; });
      boxes.forEach(function (b) { b.checked = !all; });
    });
  });
})();
