import { englishText, type MessageRef } from '../../shared/contract/messages';

/** A spreadsheet file, sheet or mapping refused, with the stable message the window translates. */
export class SheetFileError extends Error {
  constructor(readonly reason: MessageRef) {
    super(englishText(reason));
    this.name = 'SheetFileError';
  }
}
