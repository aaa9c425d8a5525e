export type PasswordResetEmail = Readonly<{ subject: string; text: string; html: string }>;

/** The link the mail carries; the web app's /reset-password page posts the token with the new password. */
export function passwordResetLink(appUrl: string, token: string): string {
  const url = new URL('/reset-password', appUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

export function passwordResetEmail(link: string): PasswordResetEmail {
  return {
    subject: 'Set a new password for CodersCamp',
    text: [
      'Someone (hopefully you) asked to set a new password for your CodersCamp account.',
      '',
      'Open this link within 30 minutes to choose a new one:',
      link,
      '',
      'The link works once, and only the link in the latest such mail works. Setting a new password signs you out everywhere.',
      'If you did not ask for this, ignore this message: your password stays as it is.',
    ].join('\n'),
    html: [
      '<p>Someone (hopefully you) asked to set a new password for your CodersCamp account.</p>',
      `<p>Open this link within 30 minutes to choose a new one:<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      '<p>The link works once, and only the link in the latest such mail works. Setting a new password signs you out everywhere.</p>',
      '<p>If you did not ask for this, ignore this message: your password stays as it is.</p>',
    ].join('\n'),
  };
}

function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
