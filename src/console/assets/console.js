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
