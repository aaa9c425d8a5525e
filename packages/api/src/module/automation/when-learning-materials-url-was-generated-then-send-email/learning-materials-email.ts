import { createHash } from 'node:crypto';

export type LearningMaterialsEmail = Readonly<{ subject: string; text: string; html: string }>;

export function learningMaterialsEmail(fullName: string, materialsUrl: string): LearningMaterialsEmail {
  return {
    subject: 'Your CodersCamp learning materials',
    text: `Hi ${fullName},\n\nyour learning materials are ready: ${materialsUrl}\n\nTick off each task there as you finish it; your course progress follows.\n`,
    html:
      `<p>Hi ${escapeHtml(fullName)},</p>` +
      `<p>your learning materials are ready: <a href="${escapeHtml(materialsUrl)}">${escapeHtml(materialsUrl)}</a></p>` +
      '<p>Tick off each task there as you finish it; your course progress follows.</p>',
  };
}

/** The same event always yields the same message id, so a redelivered event cannot send a second mail. */
export function emailMessageIdFor(eventId: string): string {
  const hex = createHash('sha256').update(`${eventId}:learning-materials-email`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
