// Draws media/icon.png (128x128, the Marketplace icon): a white speech bubble with three dots on a blue
// gradient tile. Pure Node (zlib for the PNG's deflate), so the icon can be regenerated anywhere:
//   node scripts/make-icon.mjs
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const size = 128;
const samples = 4; // 4x4 supersampling per pixel for smooth edges

/** Inside a rounded rectangle [x0,x1]x[y0,y1] with corner radius r. */
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Inside the triangle a-b-c (same-sign test of the three edge functions). */
function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const topLeft = [64, 142, 255];
const bottomRight = [20, 72, 204];
const white = [255, 255, 255];
const dots = [46, 64, 82];

/** The color (RGB) and coverage (0/1) of one sample point. */
function sample(x, y) {
  if (!inRoundRect(x, y, 0, 0, size, size, 26)) return null;
  let color = mix(topLeft, bottomRight, (x + y) / (2 * size));
  const bubble = inRoundRect(x, y, 24, 30, 104, 86, 18) || inTriangle(x, y, [38, 80], [34, 104], [62, 84]);
  if (bubble) {
    color = white;
    if (dots.some((dx) => (x - dx) ** 2 + (y - 58) ** 2 <= 7 * 7)) color = mix(topLeft, bottomRight, 0.55);
  }
  return color;
}

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    let r = 0, g = 0, b = 0, covered = 0;
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const c = sample(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
        if (!c) continue;
        r += c[0]; g += c[1]; b += c[2]; covered++;
      }
    }
    const o = y * (size * 4 + 1) + 1 + x * 4;
    const n = samples * samples;
    raw[o] = covered ? Math.round(r / covered) : 0;
    raw[o + 1] = covered ? Math.round(g / covered) : 0;
    raw[o + 2] = covered ? Math.round(b / covered) : 0;
    raw[o + 3] = Math.round((covered / n) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = fileURLToPath(new URL('../media/icon.png', import.meta.url));
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
