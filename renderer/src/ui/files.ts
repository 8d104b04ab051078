// Files in and out of the page: downloads through a Blob and <a download>, and base64 both ways in
// chunks, so a 60 MB export never becomes one giant argument list or one giant intermediate string.

/** Offers bytes or text to the officer as a file to save. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the URL only keeps the blob alive.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function downloadText(file: { fileName: string; content: string }): void {
  downloadBlob(new Blob([file.content], { type: 'application/json' }), file.fileName);
}

/** A multiple of 3 bytes, so each chunk encodes to base64 without padding in the middle. */
const ENCODE_CHUNK = 3 * 8192;
/** A multiple of 4 characters, so each chunk decodes on its own. */
const DECODE_CHUNK = 4 * 8192;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += ENCODE_CHUNK) {
    // 24 576 arguments at most: well inside every engine's limit for a spread call.
    parts.push(btoa(String.fromCharCode(...bytes.subarray(i, i + ENCODE_CHUNK))));
  }
  return parts.join('');
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const clean = base64.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < clean.length; i += DECODE_CHUNK) {
    const binary = atob(clean.slice(i, i + DECODE_CHUNK));
    for (let j = 0; j < binary.length; j++) out[at++] = binary.charCodeAt(j);
  }
  return out;
}

export async function fileToBase64(file: File): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
