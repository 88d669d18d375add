// Reads a .vsix (a zip file) without unpacking it: the list of entries and the text of one entry. Used by
// `npm run package` (scripts/package.mjs) to check the package it built, and by the tests that install it.
// Only what a vsix made by vsce holds is supported: stored or deflated entries, no zip64, no encryption.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the zip at `file`: name, compressed and uncompressed size, method and where it starts. */
export function readZip(file) {
  const buf = readFileSync(file);
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== CENTRAL) throw new Error(`${file}: broken central directory at entry ${n}`);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localHeader = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    entries.push({ name, method, compressedSize, size, localHeader });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return {
    entries,
    /** The bytes of one entry. */
    read(name) {
      const e = entries.find((x) => x.name === name);
      if (!e) throw new Error(`${file} has no entry ${name}`);
      if (buf.readUInt32LE(e.localHeader) !== LOCAL) throw new Error(`${file}: broken local header of ${name}`);
      const start = e.localHeader + 30 + buf.readUInt16LE(e.localHeader + 26) + buf.readUInt16LE(e.localHeader + 28);
      const raw = buf.subarray(start, start + e.compressedSize);
      if (e.method === 0) return Buffer.from(raw);
      if (e.method === 8) return inflateRawSync(raw);
      throw new Error(`${file}: ${name} uses compression method ${e.method}`);
    },
  };
}

/**
 * The relative link targets of a Markdown text (`[text](target)` and `![alt](target)`), without `#anchors`.
 * Absolute URLs (any scheme), pure anchors and mail links are left out: those never depend on where the file is.
 */
export function relativeLinks(markdown) {
  const out = [];
  // Code spans and fenced blocks hold no links.
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const link = /!?\[[^\]\n]*\]\(([^)\s]+)(?:\s+"[^"\n]*")?\)/g;
  for (let m = link.exec(text); m !== null; m = link.exec(text)) {
    const target = m[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    out.push(target.split('#')[0]);
  }
  return out;
}
