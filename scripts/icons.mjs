#!/usr/bin/env node
// `node scripts/icons.mjs`: renders the icon PNGs every OS needs from the source SVGs in assets/
// (icon.svg, trayTemplate.svg, and the tray's expiring/expired variants), so the SVGs stay the
// only thing anyone edits.
// The renderer is a local Chromium driven by playwright-core (no network, no extra dependency);
// set CHROMIUM_PATH if it is not at one of the usual places. Outputs, all committed:
//   build/icon.png (1024, electron-builder makes the macOS .icns from it), build/icon.ico (Windows),
//   build/icons/NxN.png (Linux hicolor sizes), assets/tray/ (macOS template images, a colour tray
//   icon for Linux and Windows, tray.ico).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** Every file this script writes: [output path relative to the repo, source SVG, pixel size(s)]. */
export const OUTPUTS = [
  { out: 'build/icon.png', svg: 'assets/icon.svg', sizes: [1024] },
  { out: 'build/icon.ico', svg: 'assets/icon.svg', sizes: [16, 24, 32, 48, 64, 128, 256] },
  ...[16, 32, 48, 64, 128, 256, 512, 1024].map((n) => ({ out: `build/icons/${n}x${n}.png`, svg: 'assets/icon.svg', sizes: [n] })),
  // macOS: the name must end in "Template" (the OS tints it for light/dark menu bars); 16 pt.
  { out: 'assets/tray/trayTemplate.png', svg: 'assets/trayTemplate.svg', sizes: [16] },
  { out: 'assets/tray/trayTemplate@2x.png', svg: 'assets/trayTemplate.svg', sizes: [32] },
  // Linux and Windows trays are not tinted, so they get the coloured app mark.
  { out: 'assets/tray/tray.png', svg: 'assets/icon.svg', sizes: [16] },
  { out: 'assets/tray/tray@2x.png', svg: 'assets/icon.svg', sizes: [32] },
  { out: 'assets/tray/tray.ico', svg: 'assets/icon.svg', sizes: [16, 24, 32] },
  // The tray shows when a sign-in or key expires soon, and when one expired (main/electron/trayIcons.ts).
  ...['Expiring', 'Expired'].flatMap((state) => [
    { out: `assets/tray/tray${state}Template.png`, svg: `assets/tray${state}Template.svg`, sizes: [16] },
    { out: `assets/tray/tray${state}Template@2x.png`, svg: `assets/tray${state}Template.svg`, sizes: [32] },
    { out: `assets/tray/tray${state}.png`, svg: `assets/tray${state}.svg`, sizes: [16] },
    { out: `assets/tray/tray${state}@2x.png`, svg: `assets/tray${state}.svg`, sizes: [32] },
    { out: `assets/tray/tray${state}.ico`, svg: `assets/tray${state}.svg`, sizes: [16, 24, 32] },
  ]),
];

/**
 * An .ico holding PNG images (supported since Windows Vista): a 6-byte header, a 16-byte entry
 * per image, then the PNGs. Width/height 0 in an entry means 256.
 */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    if (size < 1 || size > 256) throw new Error(`an .ico image must be 1–256 px, not ${size}`);
    const e = Buffer.alloc(16);
    e.writeUInt8(size === 256 ? 0 : size, 0);
    e.writeUInt8(size === 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png) {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

async function render(page, svgText, size) {
  await page.setViewportSize({ width: size, height: size });
  // The SVG is sized to the viewport; its viewBox keeps the drawing's proportions.
  const sized = svgText.replace(/<svg\b([^>]*?)\swidth="[^"]*"\s+height="[^"]*"/, `<svg$1 width="${size}" height="${size}"`);
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    console.error('No Chromium found to render the icons (looked at CHROMIUM_PATH and ' + CANDIDATES.join(', ') + '). The SVG sources in assets/ are unchanged; install Chromium or set CHROMIUM_PATH and run this again.');
    return 1;
  }
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({ executablePath: chromium, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const { out, svg, sizes } of OUTPUTS) {
      const svgText = readFileSync(join(root, svg), 'utf8');
      const pngs = [];
      for (const size of sizes) pngs.push({ size, png: await render(page, svgText, size) });
      const file = join(root, out);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, out.endsWith('.ico') ? encodeIco(pngs) : pngs[0].png);
      console.log(`wrote ${out} (${sizes.join(', ')} px)`);
    }
  } finally {
    await browser.close();
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
