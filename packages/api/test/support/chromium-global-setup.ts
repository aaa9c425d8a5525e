import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './browser';

const INSTALL_COMMAND = 'sudo apt-get install -y chromium';

/**
 * Vitest global setup of the e2e tier: its browser tests drive Debian's Chromium, which a fresh
 * machine lacks. Where it can (root, apt-get present) the setup installs it, once; elsewhere the
 * run fails at once with the one command that fixes it, rather than in every browser test.
 */
export default function setup(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) throw new Error(`The browser tests need Chromium at ${CHROMIUM_PATH}: run \`${INSTALL_COMMAND}\``);
  process.stderr.write(`No Chromium at ${CHROMIUM_PATH}: installing Debian's chromium package for the browser tests…\n`);
  const apt = (args: string[]) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  // A fresh image often has no package lists yet.
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', 'chromium']);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium, but not at ${CHROMIUM_PATH}: run \`${INSTALL_COMMAND}\` and check`);
}
