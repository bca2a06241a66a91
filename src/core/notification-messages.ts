import { audienceOf, type NotificationContent, type NotificationLanguage } from './notification.js';

// The words of every message, in English and French. Pure: links come in, text goes out.

/** The links a message to one subscriber carries. */
export interface MessageLinks {
  manage: string;
  unsubscribe: string;
  /** The double opt-in link (confirmation messages only). */
  confirm?: string;
}

/** A message for one subscriber, before a channel formats it. */
export interface ComposedMessage {
  subject: string;
  /** Plain-text body (e-mail text part; chat channels use it too). */
  text: string;
  html: string;
  /** The short line chat channels show first. */
  headline: string;
  /** A colour for chat cards, by severity. */
  color: string;
}

const STATUS_WORDS: Record<NotificationLanguage, Record<string, string>> = {
  en: {
    investigating: 'Investigating',
    identified: 'Identified',
    monitoring: 'Monitoring',
    resolved: 'Resolved',
    postmortem: 'Postmortem',
    operational: 'Operational',
    degraded_performance: 'Degraded performance',
    partial_outage: 'Partial outage',
    major_outage: 'Major outage',
    under_maintenance: 'Under maintenance',
    scheduled: 'Scheduled',
    in_progress: 'In progress',
    verifying: 'Verifying',
    completed: 'Completed',
    cancelled: 'Cancelled',
    up: 'Up',
    slow: 'Slow',
    down: 'Down',
    unknown: 'Unknown',
    parked: 'Parked',
  },
  fr: {
    investigating: 'Enquête en cours',
    identified: 'Problème identifié',
    monitoring: 'Sous surveillance',
    resolved: 'Résolu',
    postmortem: 'Post-mortem',
    operational: 'Opérationnel',
    degraded_performance: 'Performances dégradées',
    partial_outage: 'Panne partielle',
    major_outage: 'Panne majeure',
    under_maintenance: 'En maintenance',
    scheduled: 'Planifiée',
    in_progress: 'En cours',
    verifying: 'Vérification',
    completed: 'Terminée',
    cancelled: 'Annulée',
    up: 'Disponible',
    slow: 'Lente',
    down: 'En panne',
    unknown: 'Inconnu',
    parked: 'Suspendu',
  },
};

const WORDS = {
  en: {
    component: (name: string, status: string) => `${name} is now ${status.toLowerCase()}`,
    reminder: (name: string) => `Reminder: scheduled maintenance "${name}"`,
    started: (name: string) => `Maintenance started: ${name}`,
    completed: (name: string) => `Maintenance completed: ${name}`,
    postmortem: (name: string) => `Postmortem published: ${name}`,
    confirmSubject: (page: string) => `Confirm your subscription to ${page}`,
    confirmBody: (page: string) =>
      `Someone (hopefully you) asked to receive status updates from ${page}. Confirm with the link below; if it was not you, ignore this message and nothing will be sent.`,
    confirmAction: 'Confirm subscription',
    quarantineSubject: (page: string) => `Your webhook for ${page} was paused`,
    quarantineBody: (url: string) =>
      `The endpoint ${url} failed 10 times within an hour, so we stopped sending to it. Fix it and ask the page's operator to resume it.`,
    monitor: (name: string, to: string) =>
      to === 'up' ? `Monitor up again: ${name}` : to === 'slow' ? `Monitor slow: ${name}` : `Monitor down: ${name}`,
    validationFailed: (name: string) => `Maintenance failing its validation: ${name}`,
    parkedSubject: (url: string) => `Subscriber endpoint paused: ${url}`,
    parkedBody: (type: string) =>
      `This ${type} subscriber failed 10 times within an hour, so deliveries to it are paused. Resume it from the admin API (POST /api/v1/subscribers/{id}/resume) once it works again.`,
    teamFooter: (page: string) => `You receive this as a member of the team behind ${page}.`,
    affected: 'Affected',
    readMore: 'Read more',
    manage: 'Manage your subscription',
    unsubscribe: 'Unsubscribe',
    footer: (page: string) => `You receive this because you subscribed to ${page}.`,
  },
  fr: {
    component: (name: string, status: string) => `${name} : ${status.toLowerCase()}`,
    reminder: (name: string) => `Rappel : maintenance planifiée « ${name} »`,
    started: (name: string) => `Maintenance commencée : ${name}`,
    completed: (name: string) => `Maintenance terminée : ${name}`,
    postmortem: (name: string) => `Post-mortem publié : ${name}`,
    confirmSubject: (page: string) => `Confirmez votre abonnement à ${page}`,
    confirmBody: (page: string) =>
      `Quelqu'un (vous, nous l'espérons) a demandé à recevoir les mises à jour de ${page}. Confirmez avec le lien ci-dessous ; si ce n'était pas vous, ignorez ce message et rien ne vous sera envoyé.`,
    confirmAction: "Confirmer l'abonnement",
    quarantineSubject: (page: string) => `Votre webhook pour ${page} a été suspendu`,
    quarantineBody: (url: string) =>
      `Le point d'accès ${url} a échoué 10 fois en une heure ; nous avons cessé d'y envoyer. Corrigez-le puis demandez à l'opérateur de la page de le réactiver.`,
    monitor: (name: string, to: string) =>
      to === 'up' ? `Sonde rétablie : ${name}` : to === 'slow' ? `Sonde lente : ${name}` : `Sonde en panne : ${name}`,
    validationFailed: (name: string) => `Maintenance en échec de validation : ${name}`,
    parkedSubject: (url: string) => `Point d'accès d'abonné suspendu : ${url}`,
    parkedBody: (type: string) =>
      `Cet abonné ${type} a échoué 10 fois en une heure ; les envois vers lui sont suspendus. Réactivez-le par l'API d'administration (POST /api/v1/subscribers/{id}/resume) une fois réparé.`,
    teamFooter: (page: string) => `Vous recevez ce message en tant que membre de l'équipe de ${page}.`,
    affected: 'Concerné',
    readMore: 'En savoir plus',
    manage: 'Gérer votre abonnement',
    unsubscribe: 'Se désabonner',
    footer: (page: string) => `Vous recevez ce message car vous êtes abonné à ${page}.`,
  },
} as const;

const COLORS: Record<string, string> = {
  operational: '#2e7d32',
  up: '#2e7d32',
  slow: '#f9a825',
  down: '#c62828',
  resolved: '#2e7d32',
  completed: '#2e7d32',
  degraded_performance: '#f9a825',
  partial_outage: '#ef6c00',
  major_outage: '#c62828',
  investigating: '#c62828',
  identified: '#ef6c00',
  monitoring: '#1565c0',
};

/** A status in words, in the given language (the raw value when unknown). */
export function statusWord(status: string, lang: NotificationLanguage): string {
  return STATUS_WORDS[lang][status] ?? status;
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function headlineOf(c: NotificationContent, lang: NotificationLanguage): string {
  const w = WORDS[lang];
  const status = statusWord(c.status, lang);
  switch (c.kind) {
    case 'component.status_changed':
      return w.component(c.title, status);
    case 'maintenance.reminder':
      return w.reminder(c.title);
    case 'maintenance.started':
      return w.started(c.title);
    case 'maintenance.completed':
      return w.completed(c.title);
    case 'postmortem.published':
      return w.postmortem(c.title);
    case 'subscriber.confirm':
      return w.confirmSubject(c.page.name);
    case 'subscriber.quarantined':
      return w.quarantineSubject(c.page.name);
    case 'monitor.state_changed':
      return w.monitor(c.title, c.status);
    case 'subscriber.parked':
      return w.parkedSubject(c.title);
    case 'maintenance.validation_failed':
      return w.validationFailed(c.title);
    default:
      return `[${status}] ${c.title}`;
  }
}

/** Compose the message about `content` for one subscriber, in their language. */
export function composeMessage(
  content: NotificationContent,
  lang: NotificationLanguage,
  links: MessageLinks,
): ComposedMessage {
  const w = WORDS[lang];
  const headline = headlineOf(content, lang);
  const subject = content.kind.startsWith('subscriber.') ? headline : `${content.page.name}: ${headline}`;
  const paragraphs: string[] = [];
  let action: { label: string; href: string } = { label: w.readMore, href: content.url };
  if (content.kind === 'subscriber.confirm') {
    paragraphs.push(w.confirmBody(content.page.name));
    action = { label: w.confirmAction, href: links.confirm ?? content.url };
  } else if (content.kind === 'subscriber.quarantined') {
    paragraphs.push(w.quarantineBody(content.title));
  } else if (content.kind === 'subscriber.parked') {
    paragraphs.push(w.parkedBody(content.body));
  } else {
    paragraphs.push(`${statusWord(content.status, lang)} — ${content.body}`);
    if (content.components.length > 0) paragraphs.push(`${w.affected}: ${content.components.join(', ')}`);
  }
  const team = audienceOf(content.kind) === 'team';
  const footer =
    content.kind === 'subscriber.confirm' ? [] : [team ? w.teamFooter(content.page.name) : w.footer(content.page.name)];
  const text = [
    headline,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    `${action.label}: ${action.href}`,
    '',
    ...footer,
    ...(content.kind === 'subscriber.confirm'
      ? []
      : [`${w.manage}: ${links.manage}`, `${w.unsubscribe}: ${links.unsubscribe}`]),
  ].join('\n');
  const html = renderHtml(content, lang, headline, paragraphs, action, links, footer);
  return { subject, text, html, headline, color: COLORS[content.status] ?? '#546e7a' };
}

function renderHtml(
  content: NotificationContent,
  lang: NotificationLanguage,
  headline: string,
  paragraphs: string[],
  action: { label: string; href: string },
  links: MessageLinks,
  footer: string[],
): string {
  const w = WORDS[lang];
  const e = escapeHtml;
  const links2 =
    content.kind === 'subscriber.confirm'
      ? ''
      : `<p style="font-size:12px;color:#666">${footer.map(e).join(' ')}<br><a href="${e(links.manage)}">${e(w.manage)}</a> · <a href="${e(links.unsubscribe)}">${e(w.unsubscribe)}</a></p>`;
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(headline)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;max-width:600px;margin:0 auto;padding:16px;color:#222">',
    `<p style="color:#666;margin:0">${e(content.page.name)}</p>`,
    `<h1 style="font-size:20px">${e(headline)}</h1>`,
    ...paragraphs.map((p) => `<p>${e(p)}</p>`),
    `<p><a href="${e(action.href)}" style="display:inline-block;padding:8px 14px;background:#1565c0;color:#fff;text-decoration:none;border-radius:4px">${e(action.label)}</a></p>`,
    links2,
    '</body></html>',
  ].join('');
}
