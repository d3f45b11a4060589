// Renders the app's icons for the web app manifest (public/icons/*.png) from public/favicon.svg in
// headless Chromium: `node scripts/make-icons.mjs`. "maskable" icons keep the mark inside the 80 %
// safe zone that launchers may crop to a circle or squircle.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser.mjs';

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
try {
  for (const [size, maskable] of [
    [192, false],
    [512, false],
    [512, true],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inner = maskable ? size * 0.7 : size;
    await page.setContent(
      `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${maskable ? '#3b5bdb' : 'transparent'}">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
    );
    const name = `icon-${size}${maskable ? '-maskable' : ''}.png`;
    await page.screenshot({ path: new URL(`../public/icons/${name}`, import.meta.url).pathname, omitBackground: !maskable });
    await page.close();
    console.log(name);
  }
} finally {
  await browser.close();
}
