// Opens pages in headless Chromium and reports, per page, what a reader sees of its code-sample
// tabs: for each tab label in order, the text of the panel shown once that label is clicked.
//
// usage: node browser-tabs.js CHROMIUM PAGES.json
// PAGES.json: [{ "file": "/abs/page.html", "labels": "CSS selector", "panels": "CSS selector" }]
// prints: { "/abs/page.html": [{ "label": "cURL", "shown": "curl …" }, …] }
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const [chromium, pagesFile] = process.argv.slice(2);
const pages = JSON.parse(readFileSync(pagesFile, 'utf8'));
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
});
const results = {};
try {
  const tab = await browser.newPage();
  for (const { file, labels, panels } of pages) {
    await tab.goto(`file://${file}`, { waitUntil: 'load' });
    const count = await tab.$$eval(labels, (found) => found.length);
    const seen = [];
    for (let i = 0; i < count; i++) {
      const label = await tab.$$eval(labels, (found, i) => {
        found[i].click();
        return found[i].innerText.trim();
      }, i);
      // the panels a reader can see now (rendered, not hidden by the tab styles)
      const shown = await tab.$$eval(panels, (found) =>
        found.filter((panel) => panel.checkVisibility()).map((panel) => panel.innerText),
      );
      seen.push({ label, shown });
    }
    results[file] = seen;
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
