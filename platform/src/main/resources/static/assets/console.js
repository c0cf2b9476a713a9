// The console's small enhancements: on a phone the menu folds behind its button. The page works without this script (the menu
// is then always shown).
document.documentElement.classList.add('js');
document.addEventListener('DOMContentLoaded', function () {
  var toggle = document.getElementById('menu-toggle');
  var nav = document.getElementById('console-nav');
  if (!toggle || !nav) {
    return;
  }
  toggle.hidden = false;
  nav.setAttribute('data-folded', 'true');
  toggle.addEventListener('click', function () {
    var open = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', open ? 'false' : 'true');
    nav.setAttribute('data-folded', open ? 'true' : 'false');
  });
});
