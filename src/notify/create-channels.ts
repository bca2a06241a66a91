import type { Config } from '../config/config.js';
import type { Channel } from './channel.js';
import { createAlertChannel } from './channels/alert-channel.js';
import { createDiscordChannel } from './channels/discord-channel.js';
import { createEmailChannel } from './channels/email-channel.js';
import { createSlackChannel } from './channels/slack-channel.js';
import { createTeamsChannel } from './channels/teams-channel.js';
import { createWebhookChannel } from './channels/webhook-channel.js';

/** Every channel the configuration enables, by delivery channel name. E-mail needs PHAROS_SMTP_URL. */
export function createChannels(
  config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'notifyAllowPrivateTargets'>,
): Partial<Record<string, Channel>> {
  const http = { allowPrivateTargets: config.notifyAllowPrivateTargets };
  return {
    ...(config.smtpUrl ? { email: createEmailChannel({ smtpUrl: config.smtpUrl, from: config.smtpFrom }) } : {}),
    webhook: createWebhookChannel(http),
    slack: createSlackChannel(http),
    discord: createDiscordChannel(http),
    teams: createTeamsChannel(http),
    alert: createAlertChannel(),
  };
}
