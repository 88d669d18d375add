/**
 * A minimal multipart/form-data parser (what Werkzeug gives as `request.form` and `request.files`).
 * A part is a file when its Content-Disposition has a `filename` parameter, even an empty one.
 */

export interface FilePart {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface Form {
  fields: Record<string, string>;
  files: FilePart[];
}

function param(disposition: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition) ?? new RegExp(`(?:^|;)\\s*${name}=([^;]*)`, 'i').exec(disposition);
  return m ? (m[1] as string).replace(/\\(.)/g, '$1').trim() : undefined;
}

export function parseMultipart(contentType: string, body: Buffer): Form {
  const form: Form = { fields: {}, files: [] };
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m ? (m[1] ?? m[2] ?? '').trim() : '';
  if (!/^multipart\/form-data/i.test(contentType) || !boundary) return form;
  const delim = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delim);
  while (pos !== -1) {
    let start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delim, start);
    if (next === -1) break;
    const part = body.subarray(start, next - 2 >= start ? next - 2 : next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers: Record<string, string> = {};
      for (const line of part.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const data = part.subarray(headerEnd + 4);
      const disp = headers['content-disposition'] ?? '';
      const name = param(disp, 'name') ?? '';
      const filename = param(disp, 'filename');
      if (filename !== undefined) {
        form.files.push({ field: name, filename, contentType: headers['content-type'] ?? '', data });
      } else if (!(name in form.fields)) {
        form.fields[name] = data.toString('utf8');
      }
    }
    pos = next;
  }
  return form;
}
