/* global window, document, navigator, fetch, atob, btoa, URLSearchParams */
// Passkeys (WebAuthn) for the portal's forms. Served from /static/ so the CSP (script-src 'self',
// nothing inline) holds. A form marked data-passkey="register" | "sign-in" | "step-up" gets the
// browser's credential before it is sent: its options come from data-passkey-options (JSON) or
// are fetched (POST, with the form's CSRF token) from data-passkey-options-url; the answer goes,
// as JSON, into the form's hidden field named "passkey". Without JavaScript nothing is sent.
(function () {
  'use strict';
  // Several forms of a page include this script: it attaches once.
  if (window.portalPasskeys) return;
  window.portalPasskeys = true;

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) base64 += '=';
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function withIds(list) {
    return (list || []).map(function (c) {
      return { id: fromBase64url(c.id), type: c.type || 'public-key', transports: c.transports };
    });
  }

  function creationOptions(json) {
    var options = Object.assign({}, json, {
      challenge: fromBase64url(json.challenge),
      user: Object.assign({}, json.user, { id: fromBase64url(json.user.id) }),
      excludeCredentials: withIds(json.excludeCredentials),
    });
    return { publicKey: options };
  }

  function requestOptions(json) {
    return { publicKey: Object.assign({}, json, { challenge: fromBase64url(json.challenge), allowCredentials: withIds(json.allowCredentials) }) };
  }

  function credentialJson(credential) {
    var r = credential.response;
    var response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      if (r.getTransports) response.transports = r.getTransports();
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
    }
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      response: response,
      clientExtensionResults: {},
    };
  }

  function options(form) {
    if (form.dataset.passkeyOptions) return Promise.resolve(JSON.parse(form.dataset.passkeyOptions));
    var csrf = form.querySelector('input[name="_csrf"]');
    return fetch(form.dataset.passkeyOptionsUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ _csrf: csrf ? csrf.value : '' }).toString(),
    }).then(function (answer) {
      if (!answer.ok) throw new Error('options: ' + answer.status);
      return answer.json();
    });
  }

  function showProblem(form) {
    var problem = form.querySelector('[data-passkey-problem]');
    if (problem) problem.hidden = false;
  }

  function attach(form) {
    var field = form.querySelector('input[name="passkey"]');
    if (!field || !window.PublicKeyCredential) return;
    form.addEventListener('submit', function (event) {
      if (field.value) return;
      event.preventDefault();
      var register = form.dataset.passkey === 'register';
      options(form)
        .then(function (json) {
          return register ? navigator.credentials.create(creationOptions(json)) : navigator.credentials.get(requestOptions(json));
        })
        .then(function (credential) {
          if (!credential) throw new Error('no credential');
          field.value = JSON.stringify(credentialJson(credential));
          form.submit();
        })
        .catch(function () {
          showProblem(form);
        });
    });
  }

  document.querySelectorAll('form[data-passkey]').forEach(attach);
})();
