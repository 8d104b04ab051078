import crypto from 'node:crypto';
import fs from 'node:fs';

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
