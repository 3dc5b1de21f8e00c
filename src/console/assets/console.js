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
})();
