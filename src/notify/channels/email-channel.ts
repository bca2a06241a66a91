import { Worker } from 'node:worker_threads';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { composeMessage } from '../../core/notification-messages.js';
import type { Channel, ChannelResult, OutboundMessage } from '../channel.js';
import type { WorkerMail, WorkerResult } from './smtp-worker.js';

/** How to reach the SMTP relay. */
export interface EmailChannelOptions {
  /** `smtp://user:pass@host:587` or `smtps://…` (PHAROS_SMTP_URL). */
  smtpUrl: string;
  /** The From address (PHAROS_SMTP_FROM). */
  from: string;
  /** Pooled connections kept open to the relay (split across threads). */
  maxConnections?: number;
  /**
   * Worker threads that build and send messages (0: on the main thread). MIME building and socket
   * writes are most of an e-mail's CPU cost; threads let a fan-out use more than one core while the
   * main thread keeps serving the public page.
   */
  threads?: number;
  timeoutMs?: number;
}

type Send = (mail: SendMailOptions) => Promise<{ ok: boolean; responseCode: number | null; reason: string }>;

function transportOptions(options: EmailChannelOptions, connections: number): SMTPPool.Options {
  const url = new URL(options.smtpUrl);
  const timeout = options.timeoutMs ?? 30_000;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
}

function inThread(options: EmailChannelOptions, connections: number): { send: Send; close: () => Promise<void> } {
  const transport = nodemailer.createTransport(transportOptions(options, connections));
  return {
    send: (mail) =>
      transport.sendMail(mail).then(
        () => ({ ok: true, responseCode: 250, reason: 'ok' }),
        (error: { responseCode?: number; code?: string; message?: string }) => ({
          ok: false,
          responseCode: error.responseCode ?? null,
          reason: String(error.code ?? error.message ?? 'smtp error').slice(0, 200),
        }),
      ),
    close: () => {
      transport.close();
      return Promise.resolve();
    },
  };
}

function inWorkers(options: EmailChannelOptions, threads: number, connections: number) {
  // The worker file sits next to this one: .ts when run from source (tsx), .js when built.
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(`./smtp-worker${fromSource ? '.ts' : '.js'}`, import.meta.url);
  const pending = new Map<number, (r: WorkerResult) => void>();
  const workers = Array.from({ length: threads }, () => {
    const workerData = transportOptions(options, Math.ceil(connections / threads));
    // From source (tests, tsx) the worker registers the TypeScript loader before loading the file.
    const worker = fromSource
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); })`,
          { eval: true, workerData },
        )
      : new Worker(file, { workerData });
    worker.on('message', (r: WorkerResult) => {
      pending.get(r.id)?.(r);
      pending.delete(r.id);
    });
    // A thread that dies must not leave sends waiting forever: they fail and are retried.
    worker.on('error', () => {
      for (const [id, resolve] of pending) resolve({ id, ok: false, responseCode: null, reason: 'smtp worker failed' });
      pending.clear();
    });
    worker.unref();
    return worker;
  });
  let next = 0;
  return {
    send: (mail: SendMailOptions) =>
      new Promise<WorkerResult>((resolve) => {
        const id = ++next;
        const timer = setTimeout(
          () => {
            pending.delete(id);
            resolve({ id, ok: false, responseCode: null, reason: 'timeout' });
          },
          (options.timeoutMs ?? 30_000) * 3,
        );
        pending.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        workers[id % threads]!.postMessage({ id, mail } satisfies WorkerMail);
      }),
    close: async () => {
      for (const w of workers) w.postMessage('close');
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * E-mail over SMTP through a pool of connections (one connection per message is about 50 times
 * slower). Every message has an HTML and a text part in the subscriber's language, a Message-ID
 * derived from the delivery (so a duplicate after a crash is recognisable), and RFC 8058 one-click
 * unsubscribe headers.
 */
export function createEmailChannel(options: EmailChannelOptions): Channel {
  const connections = options.maxConnections ?? 32;
  const threads = options.threads ?? 2;
  const transport = threads > 0 ? inWorkers(options, threads, connections) : inThread(options, connections);
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'pharos.invalid';
  return {
    async send(message: OutboundMessage): Promise<ChannelResult> {
      const started = performance.now();
      const s = message.subscriber;
      const to = s.type === 'email' ? s.address : s.contactEmail;
      if (!to) return { ok: false, statusCode: null, reason: 'no e-mail address', ms: 0 };
      const composed = composeMessage(message.content, s.language, message.links);
      const isConfirmation = message.content.kind === 'subscriber.confirm';
      const result = await transport.send({
        from: options.from,
        to,
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        messageId: `<${message.idempotencyKey}@${domain}>`,
        headers: {
          'X-Pharos-Event': message.content.kind,
          'Idempotency-Key': message.idempotencyKey,
          ...(isConfirmation
            ? {}
            : {
                'List-Unsubscribe': `<${message.links.unsubscribe}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }),
        },
      });
      return { ok: result.ok, statusCode: result.responseCode, reason: result.reason, ms: performance.now() - started };
    },
    close: () => transport.close(),
  };
}
