export type ConfirmationEmail = Readonly<{ subject: string; text: string; html: string }>;

/** The link the mail carries; the web app's /confirm-email page posts the token to the approval endpoint. */
export function confirmationLink(appUrl: string, confirmationToken: string): string {
  const url = new URL('/confirm-email', appUrl);
  url.searchParams.set('token', confirmationToken);
  return url.toString();
}

export function confirmationEmail(link: string): ConfirmationEmail {
  return {
    subject: 'Confirm your email address for CodersCamp',
    text: [
      'Welcome to CodersCamp!',
      '',
      'Confirm your email address to finish your registration:',
      link,
      '',
      'If you did not register, ignore this message.',
    ].join('\n'),
    html: [
      '<p>Welcome to CodersCamp!</p>',
      `<p>Confirm your email address to finish your registration:<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      '<p>If you did not register, ignore this message.</p>',
    ].join('\n'),
  };
}

function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
