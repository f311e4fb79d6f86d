import { chromium } from '@playwright/test';
const [url, out, y, h] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await page.goto(url);
await page.waitForTimeout(1000);
await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: +y, width: 1200, height: +h } });
await browser.close();
