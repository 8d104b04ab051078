#!/usr/bin/env node
// `node scripts/make-icons.mjs`: renders the app icon from its one source image, resources/icon.svg, into every
// file electron-builder and the window need. Run it after changing the SVG and commit what it writes; it is not
// part of the build.
//
//   resources/icon.png           512x512, the window icon (BrowserWindow `icon`) and electron-builder's default
//   resources/icons/NxN.png      the Linux set (16 to 512), electron-builder's linux.icon folder
//   resources/icon.ico           Windows: 16 to 48 as 32-bit bitmaps (what every Windows tool reads), 64 to 256 as PNG
//   resources/icon.icns          macOS: PNG entries from 16 to 1024 (512@2x)
//
// Each size is rendered from the SVG (not scaled down from a large PNG), so small icons stay sharp. resvg
// (@resvg/resvg-js, a devDependency with a prebuilt binary in its npm package) renders; the ICO and ICNS
// containers are simple enough to write here.
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(import.meta.dirname, '..');
const resources = path.join(root, 'resources');
const svg = fs.readFileSync(path.join(resources, 'icon.svg'));

/** The SVG rendered at size x size: PNG bytes and raw RGBA pixels (top row first). */
function render(size) {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render();
  if (image.width !== size || image.height !== size) throw new Error(`resvg rendered ${image.width}x${image.height}`);
  return { png: image.asPng(), rgba: Buffer.from(image.pixels) };
}

const cache = new Map();
const rendered = (size) => {
  if (!cache.has(size)) cache.set(size, render(size));
  return cache.get(size);
};

/**
 * An ICO file entry as a 32-bit BGRA bitmap (BITMAPINFOHEADER, rows bottom-up, height doubled for the AND
 * mask, which stays empty because the alpha channel carries the transparency).
 */
function icoBitmap(size) {
  const { rgba } = rendered(size);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

/** ICONDIR + ICONDIRENTRYs + images. A width or height of 256 is written as 0. */
function icoFile(entries) {
  const directory = Buffer.alloc(6 + 16 * entries.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2); // type: icon
  directory.writeUInt16LE(entries.length, 4);
  let offset = directory.length;
  entries.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    directory.writeUInt8(size >= 256 ? 0 : size, at);
    directory.writeUInt8(size >= 256 ? 0 : size, at + 1);
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(data.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([directory, ...entries.map((e) => e.data)]);
}

/** The ICNS types used here, each holding a PNG of the given pixel size. */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic13', 256], // 128@2x
  ['ic08', 256],
  ['ic14', 512], // 256@2x
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
];

/** 'icns', the total length, then entries of type, length (with its 8-byte header) and data; big-endian. */
function icnsFile(entries) {
  const parts = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function write(relative, bytes) {
  const file = path.join(resources, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  console.log(`  ${path.relative(root, file)} (${bytes.length} bytes)`);
}

console.log('Rendering resources/icon.svg:');
write('icon.png', rendered(512).png);
for (const size of [16, 24, 32, 48, 64, 128, 256, 512])
  write(path.join('icons', `${size}x${size}.png`), rendered(size).png);
write(
  'icon.ico',
  icoFile([
    ...[16, 24, 32, 48].map((size) => ({ size, data: icoBitmap(size) })),
    ...[64, 128, 256].map((size) => ({ size, data: rendered(size).png })),
  ]),
);
write('icon.icns', icnsFile(ICNS_TYPES.map(([type, size]) => ({ type, data: rendered(size).png }))));
