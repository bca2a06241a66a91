import { parentPort, workerData } from 'node:worker_threads';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';

// A worker thread that owns one pooled SMTP transport: building MIME messages and writing them to
// sockets is most of an e-mail's CPU cost, so the e-mail channel spreads it over threads.

/** A message to send, as the e-mail channel hands it over. */
export interface WorkerMail {
  id: number;
  mail: SendMailOptions;
}

/** What came of it. */
export interface WorkerResult {
  id: number;
  ok: boolean;
  responseCode: number | null;
  reason: string;
}

const transport = nodemailer.createTransport(workerData as SMTPPool.Options);
parentPort?.on('message', (message: WorkerMail | 'close') => {
  if (message === 'close') {
    transport.close();
    parentPort?.close();
    return;
  }
  transport.sendMail(message.mail).then(
    () => parentPort?.postMessage({ id: message.id, ok: true, responseCode: 250, reason: 'ok' } satisfies WorkerResult),
    (error: { responseCode?: number; code?: string; message?: string }) =>
      parentPort?.postMessage({
        id: message.id,
        ok: false,
        responseCode: error.responseCode ?? null,
        reason: String(error.code ?? error.message ?? 'smtp error').slice(0, 200),
      } satisfies WorkerResult),
  );
});
