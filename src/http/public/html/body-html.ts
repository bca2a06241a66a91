import { renderMarkdown } from '../markdown.js';
import { trustedHtml, type SafeHtml } from './safe-html.js';

/** An update's or a maintenance's message: the operator's Markdown, sanitised. */
export function bodyHtml(text: string): SafeHtml {
  return trustedHtml(`<div class="md">${renderMarkdown(text)}</div>`);
}
