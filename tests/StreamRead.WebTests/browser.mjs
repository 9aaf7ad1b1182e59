// Launches Debian's chromium through playwright-core (no browser download): CHROMIUM overrides the path.
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}

export async function openPage(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  page.on('console', message => console.error(`[page] ${message.text()}`));
  page.on('pageerror', error => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  return page;
}

/** Waits until the element matching selector has exactly this text. */
export async function waitForText(page, selector, text, timeout) {
  try {
    await page.waitForFunction(
      ([s, t]) => document.querySelector(s)?.textContent === t, [selector, text], { timeout, polling: 50 });
  } catch (error) {
    const actual = await page.evaluate(s => document.querySelector(s)?.textContent ?? '(no such element)', selector);
    throw new Error(`${selector}: expected "${text}", still "${actual}" after ${timeout} ms`);
  }
}
