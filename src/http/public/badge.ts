import type { PageIndicator, PageStatus } from '../../core/page-status.js';

// A shields.io-style status badge: two flat boxes, the label on grey and the status on the
// indicator's colour. Text widths come from a table of Verdana 11px advance widths, since the
// server cannot measure text; a few pixels off only changes the padding.

/** How the badge looks. */
export interface BadgeOptions {
  /** Left-hand text; "status" by default. */
  label?: string;
  /** `flat` (rounded, light gradient, the default) or `flat-square`. */
  style?: 'flat' | 'flat-square';
}

const VALUES: Record<PageIndicator, { text: string; color: string }> = {
  none: { text: 'operational', color: '#2e7d32' },
  minor: { text: 'minor outage', color: '#9a6700' },
  major: { text: 'major outage', color: '#c2410c' },
  critical: { text: 'critical outage', color: '#c62828' },
  maintenance: { text: 'maintenance', color: '#1565c0' },
};

// The colours above keep white text at a contrast of at least 4.5:1 (WCAG AA for small text).
const LABEL_COLOR = '#555';

// Verdana at 11px, in pixels (advance widths of the font's glyphs scaled from 2048 units/em).
const WIDTHS: Record<string, number> = {
  ' ': 3.9,
  '!': 4.6,
  '"': 5.6,
  '#': 9.2,
  $: 7,
  '%': 11.8,
  '&': 8,
  "'": 3,
  '(': 4.9,
  ')': 4.9,
  '*': 7,
  '+': 9.2,
  ',': 4,
  '-': 4.9,
  '.': 4,
  '/': 4.9,
  ':': 4.9,
  ';': 4.9,
  '<': 9.2,
  '=': 9.2,
  '>': 9.2,
  '?': 6,
  '@': 11,
  '[': 4.9,
  '\\': 4.9,
  ']': 4.9,
  _: 7,
  '|': 4.9,
  a: 6.7,
  b: 6.8,
  c: 5.8,
  d: 6.8,
  e: 6.6,
  f: 3.8,
  g: 6.8,
  h: 7,
  i: 3,
  j: 3.8,
  k: 6.5,
  l: 3,
  m: 10.7,
  n: 7,
  o: 6.7,
  p: 6.8,
  q: 6.8,
  r: 4.7,
  s: 5.8,
  t: 4.3,
  u: 7,
  v: 6.5,
  w: 9,
  x: 6.5,
  y: 6.5,
  z: 5.8,
  A: 7.5,
  B: 7.6,
  C: 7.7,
  D: 8.5,
  E: 7,
  F: 6.3,
  G: 8.5,
  H: 8.3,
  I: 4.6,
  J: 5,
  K: 7.6,
  L: 6.1,
  M: 9.3,
  N: 8.2,
  O: 8.7,
  P: 6.6,
  Q: 8.7,
  R: 7.7,
  S: 7.5,
  T: 6.8,
  U: 8.1,
  V: 7.5,
  W: 10.9,
  X: 7.5,
  Y: 6.8,
  Z: 7.5,
};
const DIGIT_WIDTH = 7;
const OTHER_WIDTH = 7.5;
/** Wide scripts (CJK and the like) take about a full em. */
const WIDE_WIDTH = 11;

const HEIGHT = 20;
const PADDING = 6;

/** A shields-style SVG badge for the page status. */
export function renderBadge(status: PageStatus, opts: BadgeOptions = {}): string {
  const label = opts.label ?? 'status';
  const value = VALUES[status.indicator];
  const flat = (opts.style ?? 'flat') === 'flat';
  const left = Math.round(textWidth(label) + 2 * PADDING);
  const right = Math.round(textWidth(value.text) + 2 * PADDING);
  const width = left + right;
  const title = escape(`${label}: ${value.text}`);
  const text = (content: string, center: number): string =>
    `<text x="${center}" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">${escape(content)}</text>` +
    `<text x="${center}" y="14">${escape(content)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    flat
      ? `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
        `<clipPath id="r"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>`
      : '',
    `<g${flat ? ' clip-path="url(#r)"' : ''}>`,
    `<rect width="${left}" height="${HEIGHT}" fill="${LABEL_COLOR}"/>`,
    `<rect x="${left}" width="${right}" height="${HEIGHT}" fill="${value.color}"/>`,
    flat ? `<rect width="${width}" height="${HEIGHT}" fill="url(#s)"/>` : '',
    '</g>',
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    text(label, left / 2),
    text(value.text, left + right / 2),
    '</g>',
    '</svg>',
  ].join('');
}

/** Estimated rendered width of `text` in Verdana 11px. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const known = WIDTHS[char];
    if (known !== undefined) width += known;
    else if (char >= '0' && char <= '9') width += DIGIT_WIDTH;
    else if (char.codePointAt(0)! >= 0x1100) width += WIDE_WIDTH;
    else width += OTHER_WIDTH;
  }
  return width;
}

function escape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
