import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Bodies smaller than this are sent uncompressed: the framing would cost more than it saves. */
const MIN_COMPRESS_BYTES = 512;

/** The encodings a snapshot file can be sent in. */
export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * One precomputed response body with its validator. Compressed variants are made on first use and
 * kept, so a body nobody asks for in brotli never costs a brotli pass.
 */
export class SnapshotFile {
  readonly etag: string;
  private gzipBody: Buffer | undefined;
  private brBody: Buffer | undefined;

  constructor(
    readonly body: Buffer,
    readonly contentType: string,
    readonly cacheControl: string,
    /** HTML varies by Accept-Language as well as by Accept-Encoding. */
    readonly variesByLanguage = false,
  ) {
    this.etag = `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  }

  /** A file from text. */
  static text(text: string, contentType: string, cacheControl: string, variesByLanguage = false): SnapshotFile {
    return new SnapshotFile(Buffer.from(text, 'utf8'), contentType, cacheControl, variesByLanguage);
  }

  /** Whether compressing this body is worth it. */
  get compressible(): boolean {
    return this.body.length >= MIN_COMPRESS_BYTES;
  }

  /** The body in an encoding. */
  encoded(encoding: Encoding): Buffer {
    if (encoding === 'identity' || !this.compressible) return this.body;
    if (encoding === 'gzip') return (this.gzipBody ??= gzipSync(this.body, { level: 6 }));
    return (this.brBody ??= brotliCompressSync(this.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length,
      },
    }));
  }
}

/** The best encoding the client accepts (brotli, then gzip), ignoring q=0 entries. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let br = false;
  let gzip = false;
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p))) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === '*') gzip = true;
  }
  return br ? 'br' : gzip ? 'gzip' : 'identity';
}
