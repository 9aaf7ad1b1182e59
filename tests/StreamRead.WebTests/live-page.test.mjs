// The live page shows a read count change after a read report (driven by
// tests/StreamRead.Api.Tests/EndToEnd/LivePageBrowserTests.cs):
//   1. opens /?c=<conversation>&u=<user> and waits for the "before" counts of the message;
//   2. prints READY, the test then produces the read report;
//   3. waits for the "after" counts and the user's badge, prints CHANGED, takes a screenshot.
// Exit code 0 on success; on failure the reason goes to stderr.
import { parseArgs } from 'node:util';
import { launch, openPage, waitForText } from './browser.mjs';

const { values: a } = parseArgs({
  options: {
    url: { type: 'string' },
    conversation: { type: 'string' },
    user: { type: 'string' },
    seq: { type: 'string', default: '1' },
    before: { type: 'string' },
    after: { type: 'string' },
    'badge-before': { type: 'string' },
    'badge-after': { type: 'string' },
    screenshot: { type: 'string' },
    timeout: { type: 'string', default: '30000' },
  },
});
const timeout = Number(a.timeout);
const message = `article[data-conversation="${a.conversation}"] li[data-seq="${a.seq}"] .counts`;
const badge = `#badge-list li[data-conversation="${a.conversation}"] .pill`;

const browser = await launch();
try {
  const page = await openPage(browser, `${a.url}/?c=${encodeURIComponent(a.conversation)}&u=${encodeURIComponent(a.user)}`);
  await page.locator('#status.live').waitFor({ timeout });
  await waitForText(page, message, a.before, timeout);
  if (a['badge-before']) await waitForText(page, badge, a['badge-before'], timeout);
  console.log('READY');

  await waitForText(page, message, a.after, timeout);
  if (a['badge-after']) await waitForText(page, badge, a['badge-after'], timeout);
  console.log('CHANGED');
  if (a.screenshot) await page.screenshot({ path: a.screenshot });
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
