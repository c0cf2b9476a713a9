// The wallet's passkeys (WebAuthn): logging in with one, and adding one while logged in. The platform gives the options
// as JSON (PublicKeyCredential.parse*OptionsFromJSON) and takes the authenticator's answer as PublicKeyCredential.toJSON().
// And a phone's photo of a merchant's QR code, too large to send (the platform reads up to 1 MB), made smaller first.
(function () {
  'use strict';

  function supported() {
    return window.PublicKeyCredential && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
      && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function' && window.isSecureContext;
  }

  function token() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': token()},
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          var error = new Error(json.message || '');
          error.shown = Boolean(json.message);
          throw error;
        }
        return json;
      });
    });
  }

  function say(status, text) {
    if (status) {
      status.textContent = text;
    }
  }

  function failed(button, status) {
    return function (error) {
      button.disabled = false;
      say(status, error && error.shown ? error.message : button.getAttribute('data-failed'));
    };
  }

  function login(button, status) {
    button.disabled = true;
    say(status, '');
    post('/wallet/login/passkey/options').then(function (options) {
      return navigator.credentials.get({publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.public_key)})
        .then(function (credential) {
          return post('/wallet/login/passkey', {ceremony: options.ceremony, credential: credential.toJSON()});
        });
    }).then(function (answer) {
      window.location.assign(answer.redirect || '/wallet');
    }).catch(failed(button, status));
  }

  function register(button, status) {
    var name = document.getElementById('passkey-name');
    button.disabled = true;
    say(status, '');
    post('/wallet/passkeys/options').then(function (options) {
      return navigator.credentials.create({publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.public_key)})
        .then(function (credential) {
          return post('/wallet/passkeys', {ceremony: options.ceremony, credential: credential.toJSON(),
            name: name && name.value.trim() ? name.value.trim() : null});
        });
    }).then(function (answer) {
      window.location.assign(answer.redirect || '/wallet/security');
    }).catch(failed(button, status));
  }

  var LARGEST_UPLOAD = 900 * 1024;
  var LARGEST_SIDE = 1600;

  // Redraws a picture larger than the platform takes as a JPEG of at most 1600 px a side, then sends the form with it.
  function shrinkLargePictures(form) {
    var input = form.querySelector('input[type="file"]');
    form.addEventListener('submit', function (event) {
      var file = input && input.files && input.files[0];
      if (!file || file.size <= LARGEST_UPLOAD || !window.createImageBitmap || !window.DataTransfer) {
        return;
      }
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) {
        button.disabled = true;
      }
      createImageBitmap(file).then(function (bitmap) {
        var scale = Math.min(1, LARGEST_SIDE / Math.max(bitmap.width, bitmap.height));
        var canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(bitmap.width * scale));
        canvas.height = Math.max(1, Math.round(bitmap.height * scale));
        canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          if (blob) {
            var files = new DataTransfer();
            files.items.add(new File([blob], 'qr.jpg', {type: 'image/jpeg'}));
            input.files = files.files;
          }
          form.submit();
        }, 'image/jpeg', 0.9);
      }).catch(function () {
        form.submit();
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-shrink-pictures]'), shrinkLargePictures);
    var loginButton = document.getElementById('passkey-login-button');
    var registerButton = document.getElementById('passkey-register-button');
    var unsupported = document.getElementById('passkey-unsupported');
    if (!supported()) {
      return;
    }
    if (unsupported) {
      unsupported.hidden = true;
    }
    if (loginButton) {
      document.getElementById('passkey-login').hidden = false;
      loginButton.addEventListener('click', function () { login(loginButton, document.getElementById('passkey-status')); });
    }
    if (registerButton) {
      document.getElementById('passkey-register').hidden = false;
      registerButton.addEventListener('click', function () { register(registerButton, document.getElementById('passkey-status')); });
    }
  });
}());
