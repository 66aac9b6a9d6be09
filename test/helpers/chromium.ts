import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else `chromium` on the PATH. Never a
 * skip: a missing browser fails the suite with what to install (`what` says what it renders).
 */
export function chromiumPath(what: string): string {
  const install = 'run `apt-get update && apt-get install -y chromium` (Debian) or set CHROMIUM_PATH';
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist: ${install}`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // not on the PATH: fail below
  }
  throw new Error(`Chromium not found: ${what} is tested in a real browser; ${install}`);
}

/** Headless Chromium as CI runs it: as root (no sandbox), with no background network. */
export function launchChromium(what: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(what),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}
