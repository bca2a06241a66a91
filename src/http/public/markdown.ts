import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Incident, maintenance and postmortem bodies are Markdown written by operators. They reach readers
// (and feed readers, and email clients) as HTML, so the HTML is sanitised to an allow-list after
// rendering: whatever raw HTML an author (or a stolen token) slips in, only the safe subset remains.

const markdown = new Marked({ gfm: true, breaks: true, async: false });

// Images would make readers' browsers fetch third-party URLs (a tracking pixel on a status page);
// they become links to the image instead, which the link rules below then vet.
markdown.use({
  renderer: {
    image({ href, text }) {
      return `<a href="${escapeAttribute(href)}">${escapeText(text || href)}</a>`;
    },
  },
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'em',
    'strong',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // script, style and the like lose their content too, not just their tags.
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page owns h1 and h2; an author's headings sit below them, in order.
    h1: 'h3',
    h2: 'h4',
    h3: 'h5',
    h4: 'h6',
    h5: 'h6',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener' } }),
  },
};

/** Render operator-written Markdown to HTML that is safe to embed in a page or a feed. */
export function renderMarkdown(md: string): string {
  const html = markdown.parse(md) as string;
  return sanitizeHtml(html, SANITIZE).trim();
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}
