// Every page's small enhancement: htmx requests carry the page's CSRF token (the forms carry it as a field).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="csrf-token"]');
  if (token) {
    event.detail.headers['X-CSRF-TOKEN'] = token.getAttribute('content');
  }
});
