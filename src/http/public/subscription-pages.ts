import { escapeHtml } from '../../core/notification-messages.js';

// The few server-rendered pages of public subscriptions. Forms post back to the URL that carries
// the link's token: no cookie is involved, so another site cannot forge a submission (no CSRF)
// without the token, which only the subscriber's mailbox has.

/** A minimal, accessible HTML page. */
export function renderPage(title: string, body: string): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:560px;margin:2rem auto;padding:0 1rem;color:#222}button{padding:.5rem 1rem}fieldset{border:1px solid #ccc}</style>',
    `</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  ].join('');
}

/** A page with one message and an optional single-button form posting to `action`. */
export function renderConfirmForm(title: string, text: string, action: string, button: string): string {
  return renderPage(
    title,
    `<p>${escapeHtml(text)}</p><form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(button)}</button></form>`,
  );
}

/** The manage page: choose components and language, or unsubscribe. */
export function renderManagePage(opts: {
  pageName: string;
  email: string;
  components: Array<{ id: string; name: string; checked: boolean }>;
  language: string;
  action: string;
  unsubscribeAction: string;
  saved: boolean;
}): string {
  const e = escapeHtml;
  const boxes = opts.components
    .map(
      (c) =>
        `<label><input type="checkbox" name="component_ids" value="${e(c.id)}"${c.checked ? ' checked' : ''}> ${e(c.name)}</label><br>`,
    )
    .join('');
  const langs = [
    ['en', 'English'],
    ['fr', 'Français'],
  ]
    .map(([v, label]) => `<option value="${v}"${opts.language === v ? ' selected' : ''}>${label}</option>`)
    .join('');
  return renderPage(
    `Your subscription to ${opts.pageName}`,
    [
      opts.saved ? '<p role="status">Saved.</p>' : '',
      `<p>Updates go to <strong>${e(opts.email)}</strong>. Leave every box empty to hear about the whole page.</p>`,
      `<form method="post" action="${e(opts.action)}"><fieldset><legend>Components</legend>${boxes}</fieldset>`,
      `<p><label>Language <select name="language">${langs}</select></label></p>`,
      '<button type="submit">Save</button></form>',
      `<form method="post" action="${e(opts.unsubscribeAction)}"><p><button type="submit">Unsubscribe</button></p></form>`,
    ].join(''),
  );
}
