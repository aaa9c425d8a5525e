import { describe, expect, it } from 'vitest';
import { emailMessageIdFor, learningMaterialsEmail } from './learning-materials-email';

describe('learning materials email', () => {
  it('given the same event twice, then the message id is the same; another event gets another id', () => {
    expect(emailMessageIdFor('event-1')).toBe(emailMessageIdFor('event-1'));
    expect(emailMessageIdFor('event-1')).not.toBe(emailMessageIdFor('event-2'));
  });

  it('given a name with markup, then the html escapes it and the text keeps it', () => {
    const email = learningMaterialsEmail('<b>Ada</b> & co', 'https://example.com/runs/1?a=1&b=2');

    expect(email.html).toContain('&lt;b&gt;Ada&lt;/b&gt; &amp; co');
    expect(email.html).toContain('href="https://example.com/runs/1?a=1&amp;b=2"');
    expect(email.text).toContain('<b>Ada</b> & co');
  });
});
