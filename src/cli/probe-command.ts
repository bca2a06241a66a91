import { parseArgs } from 'node:util';
import { ProbeAgent, startProbeAgent } from '../checks/probe-agent.js';

const USAGE =
  'Usage: pharos probe --server URL --token TOKEN --location NAME [--spool FILE]\n' +
  '  Runs checks for location NAME and reports them to the server; results wait in FILE\n' +
  '  (default ./pharos-probe-NAME.jsonl) while the server is unreachable.\n';

/**
 * `pharos probe`: a remote location. Runs until SIGTERM/SIGINT, then drains (running checks finish,
 * results are sent or stay in the spool for the next start).
 */
export async function runProbeCommand(
  args: string[],
  out: { info: (text: string) => void; error: (text: string) => void },
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      location: { type: 'string' },
      spool: { type: 'string' },
    },
    strict: true,
  });
  if (!values.server || !values.token || !values.location || !/^[a-z0-9][a-z0-9-]{0,31}$/.test(values.location)) {
    out.error(USAGE);
    return 2;
  }
  const agent = await ProbeAgent.open({
    server: values.server,
    token: values.token,
    location: values.location,
    spoolFile: values.spool ?? `pharos-probe-${values.location}.jsonl`,
    onError: (message) => out.error(`probe: ${message}\n`),
  });
  const controller = new AbortController();
  const running = startProbeAgent(agent, {
    signal: controller.signal,
    onError: (error) => out.error(`probe: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  out.info(`probe ${values.location} reporting to ${values.server} (${agent.pending()} results waiting)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  controller.abort();
  await running.stop();
  out.info(`probe stopped; ${agent.pending()} results wait in the spool\n`);
  return 0;
}
