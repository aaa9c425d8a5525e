import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = Readonly<{ to: string[]; subject: string; text: string; html: string; messageId: string | undefined }>;

/** A real SMTP server on 127.0.0.1 that keeps every mail it accepts, for tests to read. */
export class TestMailbox {
  readonly mails: ReceivedMail[] = [];
  private readonly waiters: { matches: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }[] = [];

  private server: SMTPServer | null = null;
  private port = 0;

  private constructor() {}

  static async start(): Promise<TestMailbox> {
    const mailbox = new TestMailbox();
    await mailbox.listen();
    return mailbox;
  }

  private async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.receive(parsed);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    // A client's connection that breaks mid-session (a test kills the app while it sends) is
    // reported here; without a listener it would crash the test process. Its mail never arrives,
    // which is what such a test checks for.
    server.on('error', () => undefined);
    this.server = server;
    this.port = await new Promise<number>((resolve, reject) => {
      server.listen(0, '127.0.0.1', () => {
        const address = server.server.address();
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('SMTP server has no port'));
      });
    });
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The first mail to `address` (matching `matches`), waiting for it if it has not arrived yet. */
  waitForMail(address: string, matches: (mail: ReceivedMail) => boolean = () => true, timeoutMs = 10_000): Promise<ReceivedMail> {
    const wanted = (mail: ReceivedMail) => mail.to.includes(address.toLowerCase()) && matches(mail);
    const arrived = this.mails.find(wanted);
    if (arrived) return Promise.resolve(arrived);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No mail to ${address} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ matches: wanted, resolve: (mail) => (clearTimeout(timer), resolve(mail)) });
    });
  }

  mailsTo(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private receive(parsed: ParsedMail): void {
    const recipients = [parsed.to ?? []].flat().flatMap((to) => to.value.map((address) => (address.address ?? '').toLowerCase()));
    const mail: ReceivedMail = {
      to: recipients,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      messageId: parsed.messageId,
    };
    this.mails.push(mail);
    for (const waiter of [...this.waiters]) {
      if (waiter.matches(mail)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(mail);
      }
    }
  }
}
