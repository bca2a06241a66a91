import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps every message it receives, raw and parsed. */
export interface SmtpSink {
  url: string;
  /** Parsed messages in arrival order (parsing is skipped when `parse` is false). */
  messages: ParsedMail[];
  /** Count of messages accepted, per recipient. */
  byRecipient: Map<string, number>;
  /** Message-IDs accepted, per recipient. */
  messageIds: Map<string, string[]>;
  count: number;
  close(): Promise<void>;
}

/** Start a sink on 127.0.0.1 (any free port), with STARTTLS and AUTH off. */
export async function startSmtpSink(options: { parse?: boolean; port?: number } = {}): Promise<SmtpSink> {
  const sink: Omit<SmtpSink, 'url' | 'close'> = {
    messages: [],
    byRecipient: new Map(),
    messageIds: new Map(),
    count: 0,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const id = /^Message-ID:\s*(\S+)/im.exec(raw.toString('utf8'))?.[1] ?? '';
        for (const address of to) {
          sink.byRecipient.set(address, (sink.byRecipient.get(address) ?? 0) + 1);
          sink.messageIds.set(address, [...(sink.messageIds.get(address) ?? []), id]);
        }
        sink.count++;
        if (options.parse === false) return callback();
        simpleParser(raw)
          .then((mail) => {
            sink.messages.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  // A client killed mid-conversation (the crash test) resets its connection: not an error here.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.server.address() as { port: number };
  return {
    ...sink,
    get count() {
      return sink.count;
    },
    messages: sink.messages,
    url: `smtp://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
