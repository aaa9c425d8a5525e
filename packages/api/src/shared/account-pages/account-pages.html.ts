export const ACCOUNT_PAGES_SCRIPT_PATH = '/assets/account-pages.js';

type Field = Readonly<{ name: string; label: string; type: 'text' | 'password'; value?: string; autocomplete: string; minLength?: number; maxLength: number }>;

type AccountPage = Readonly<{
  title: string;
  introduction: string;
  /** The API endpoint the form posts to; the script builds its body. */
  endpoint: string;
  fields: readonly Field[];
  submitLabel: string;
  success: string;
}>;

/** `GET /confirm-email?token=…`, the link of the confirmation mail. */
export function confirmEmailPage(token: string): string {
  return accountPage({
    title: 'Confirm your email address',
    introduction: 'Confirm the address you registered with to finish your registration.',
    endpoint: '/api/email-confirmation/approval',
    fields: [{ name: 'token', label: 'Confirmation code (from the link in your mail)', type: 'text', value: token, autocomplete: 'off', maxLength: 256 }],
    submitLabel: 'Confirm my email address',
    success: 'Your email address is confirmed. You can now sign in.',
  });
}

/** `GET /reset-password?token=…`, the link of the password reset mail. */
export function resetPasswordPage(token: string): string {
  return accountPage({
    title: 'Choose a new password',
    introduction: 'Choose a new password for your CodersCamp account: 8 to 128 characters, hard to guess.',
    endpoint: '/api/auth/password-reset/confirmation',
    fields: [
      { name: 'token', label: 'Reset code (from the link in your mail)', type: 'text', value: token, autocomplete: 'off', maxLength: 256 },
      { name: 'newPassword', label: 'New password', type: 'password', autocomplete: 'new-password', minLength: 8, maxLength: 128 },
      { name: 'repeatPassword', label: 'New password, again', type: 'password', autocomplete: 'new-password', minLength: 8, maxLength: 128 },
    ],
    submitLabel: 'Change my password',
    success: 'Your password has been changed. You can now sign in.',
  });
}

function accountPage(page: AccountPage): string {
  const fields = page.fields
    .map(
      (field) => `<p><label for="${field.name}">${escape(field.label)}</label>
<input id="${field.name}" name="${field.name}" type="${field.type}" required autocomplete="${field.autocomplete}"${
        field.minLength === undefined ? '' : ` minlength="${field.minLength}"`
      } maxlength="${field.maxLength}"${field.value === undefined ? '' : ` value="${escape(field.value)}"`}></p>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(page.title)} · CodersCamp</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}label{display:block;font-weight:600}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}button{padding:.5rem 1rem;font:inherit}.error{color:#a40000}.success{color:#0a5c0a}</style>
</head><body><main>
<h1>${escape(page.title)}</h1>
<p>${escape(page.introduction)}</p>
<form data-endpoint="${escape(page.endpoint)}" data-success="${escape(page.success)}">
${fields}
<p><button type="submit">${escape(page.submitLabel)}</button></p>
</form>
<p id="outcome" role="status" aria-live="polite"></p>
</main><script src="${ACCOUNT_PAGES_SCRIPT_PATH}" defer></script></body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
