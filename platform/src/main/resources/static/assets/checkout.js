// The checkout pages' small enhancements; every page works without them.
(function () {
  // A form posts once: its button says so while the payment is made.
  document.addEventListener('submit', function (event) {
    var button = event.target.querySelector('button[type="submit"]');
    if (button) {
      setTimeout(function () { button.disabled = true; button.setAttribute('aria-busy', 'true'); }, 0);
    }
  });
  // After paying (or leaving), the merchant's page follows by itself after a moment; the link is there to go at once.
  document.addEventListener('DOMContentLoaded', function () {
    var back = document.querySelector('[data-return-after]');
    if (back) {
      var seconds = parseInt(back.getAttribute('data-return-after'), 10) || 4;
      setTimeout(function () { window.location.assign(back.href); }, seconds * 1000);
    }
  });
})();
