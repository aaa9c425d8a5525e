/**
 * The one script of the account pages, served as a file of its own so the Content-Security-Policy
 * allows no inline script. Plain ES2020 for the browser: each form names the endpoint it posts to
 * and how its fields become the request body; the answer's `message` and `code` are shown as the
 * API gives them.
 */
export const ACCOUNT_PAGES_SCRIPT = `'use strict';
(() => {
  const form = document.querySelector('form[data-endpoint]');
  if (!form) return;
  const outcome = document.getElementById('outcome');
  const button = form.querySelector('button[type="submit"]');

  function show(text, isError) {
    outcome.textContent = text;
    outcome.setAttribute('role', isError ? 'alert' : 'status');
    outcome.className = isError ? 'error' : 'success';
  }

  function bodyOf(fields) {
    if (form.dataset.endpoint === '/api/email-confirmation/approval') {
      return { confirmationToken: fields.get('token') };
    }
    return { token: fields.get('token'), newPassword: fields.get('newPassword') };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const repeated = fields.get('repeatPassword');
    if (repeated !== null && repeated !== fields.get('newPassword')) {
      show('The two passwords differ: type the same new password twice.', true);
      return;
    }
    button.disabled = true;
    show('Sending…', false);
    try {
      const response = await fetch(form.dataset.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bodyOf(fields)),
      });
      if (response.ok) {
        form.hidden = true;
        show(form.dataset.success, false);
        return;
      }
      const error = await response.json().catch(() => ({}));
      const message = error.message || 'The server answered ' + response.status + '.';
      show(error.code ? message + ' (' + error.code + ')' : message, true);
    } catch {
      show('The server cannot be reached. Check your connection and try again.', true);
    }
    button.disabled = false;
  });
})();
`;
