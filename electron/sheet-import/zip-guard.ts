import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { messageRef } from '../../shared/contract/messages';
import { MAX_XLSX_ENTRIES, MAX_XLSX_RATIO, MAX_XLSX_UNPACKED_BYTES } from '../../shared/sheet-import/schema';
import { SheetFileError } from './errors';

// An .xlsx file is a zip of XML parts. exceljs inflates every part in full, so a zip bomb posing as a workbook
// (a few kilobytes that unpack to gigabytes) would take the backend down before any check of ours ran. Before
// exceljs sees the file, this reads the zip's central directory (what each part declares it unpacks to, and
// how many parts there are) and refuses what is too much; then it inflates every part once, in small steps,
// counting the bytes, and stops at the first part that unpacks to more than it declared (a lying header) or
// to more than the limits: never more than one step (at most about 64 MB) past a limit is held at once.

const STEP = 64 * 1024;
const MB = 1024 * 1024;

export interface ZipFacts {
  entries: number;
  declaredBytes: number;
}

export function guardXlsxZip(bytes: Uint8Array, fileName: string): ZipFacts {
  const declared = new Map<string, { packed: number; unpacked: number }>();
  let entries = 0;
  let declaredBytes = 0;
  try {
    // The filter sees every entry of the central directory and inflates none of them (it answers false).
    unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        declaredBytes += file.originalSize;
        declared.set(file.name, { packed: file.size, unpacked: file.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw new SheetFileError(
      messageRef('sheet_import.file.not_xlsx', { file: fileName, error: (error as Error).message || 'zip' }),
    );
  }
  if (entries > MAX_XLSX_ENTRIES || declaredBytes > MAX_XLSX_UNPACKED_BYTES) {
    throw new SheetFileError(
      messageRef('sheet_import.file.zip_bomb', {
        file: fileName,
        unpacked: Math.ceil(declaredBytes / MB),
        entries,
        limit: MAX_XLSX_UNPACKED_BYTES / MB,
      }),
    );
  }
  for (const [name, size] of declared) {
    if (size.unpacked > MB && size.unpacked > size.packed * MAX_XLSX_RATIO) {
      throw new SheetFileError(
        messageRef('sheet_import.file.zip_ratio', {
          file: fileName,
          entry: name,
          ratio: Math.round(size.unpacked / Math.max(1, size.packed)),
        }),
      );
    }
  }
  checkActualSizes(bytes, fileName, declared);
  return { entries, declaredBytes };
}

/** Inflates every part in steps, counting: a part past its declared size or the limits stops the read. */
function checkActualSizes(
  bytes: Uint8Array,
  fileName: string,
  declared: ReadonlyMap<string, { packed: number; unpacked: number }>,
): void {
  let total = 0;
  let refusal: SheetFileError | undefined;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    const limit = declared.get(file.name)?.unpacked ?? 0;
    let seen = 0;
    file.ondata = (error, chunk) => {
      if (refusal) return;
      if (error) {
        refusal = new SheetFileError(
          messageRef('sheet_import.file.not_xlsx', { file: fileName, error: error.message }),
        );
        return;
      }
      seen += chunk.length;
      total += chunk.length;
      if (seen > limit) {
        refusal = new SheetFileError(messageRef('sheet_import.file.zip_lies', { file: fileName, entry: file.name }));
        file.terminate();
      } else if (total > MAX_XLSX_UNPACKED_BYTES) {
        refusal = new SheetFileError(
          messageRef('sheet_import.file.zip_bomb', {
            file: fileName,
            unpacked: Math.ceil(total / MB),
            entries: declared.size,
            limit: MAX_XLSX_UNPACKED_BYTES / MB,
          }),
        );
        file.terminate();
      }
    };
    file.start();
  };
  try {
    for (let at = 0; at < bytes.length && !refusal; at += STEP) {
      const end = Math.min(bytes.length, at + STEP);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch (error) {
    refusal ??= new SheetFileError(
      messageRef('sheet_import.file.not_xlsx', { file: fileName, error: (error as Error).message || 'zip' }),
    );
  }
  if (refusal) throw refusal;
}
