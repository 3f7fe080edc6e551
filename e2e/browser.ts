/*
 * Headless Chromium from the system (Debian's `chromium` package) driven by
 * playwright-core: no browser download. CHROMIUM_PATH points elsewhere if needed.
 */
import { Browser, chromium } from 'playwright-core';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
