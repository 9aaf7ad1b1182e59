// Screenshot of a running live page, for the README:
//   node screenshot.mjs --url http://127.0.0.1:8080 --out ../../docs/live-page.png [--wait 8000]
import { parseArgs } from 'node:util';
import { launch, openPage } from './browser.mjs';

const { values: a } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    out: { type: 'string', default: 'live-page.png' },
    wait: { type: 'string', default: '8000' },
  },
});

const browser = await launch();
try {
  const page = await openPage(browser, a.url);
  await page.locator('#status.live').waitFor({ timeout: 60000 });
  await page.locator('li.message').first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(Number(a.wait)); // let counts and rates move
  await page.screenshot({ path: a.out, fullPage: true });
  console.log(`saved ${a.out}`);
} finally {
  await browser.close();
}
