import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage();
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('console', (m) => m.type() !== 'debug' && !m.text().includes('GPU stall') && console.log('console:', m.type(), m.text()));
page.on('framenavigated', (f) => console.log('nav', f.url(), Date.now() % 100000));
await page.goto('http://localhost:5203/sites?q=Altrincham+Library');
await page.waitForTimeout(3000);
const link = page.getByRole('link', { name: 'Show on map: Altrincham Library', exact: true });
console.log('count', await link.count());
try { await link.click({ timeout: 10000, trial: true }); console.log('trial ok'); } catch (e) { console.log('trial fail', e.message.split('\n').slice(0, 12).join('\n')); }
await browser.close();
