import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `src/cli/entry.ts` runs from. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Start a real `pharos serve` process (through tsx) with `env`, and resolve with it and its URL once
 * it logs "Pharos is listening". Rejects if it exits first or takes over 30 s. The caller kills it.
 */
export function spawnServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'serve'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${buffered}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*Pharos is listening/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${buffered.slice(-3000)}`));
    });
  });
}
