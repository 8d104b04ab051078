import type { FileChooser, OpenDialogRequest, SaveDialogRequest } from '../../electron/files/dialogs';

/**
 * The browser tests' stand-in for Electron's save and open dialogs: a test says in advance what the officer
 * will pick (`willSave`, `willOpen`, `willCancel`); every dialog shown is recorded in `shown`.
 */
export class TestFileChooser implements FileChooser {
  readonly shown: (SaveDialogRequest | OpenDialogRequest)[] = [];
  private readonly answers: (string | readonly string[] | null)[] = [];

  willSave(path: string): void {
    this.answers.push(path);
  }

  willOpen(...paths: string[]): void {
    this.answers.push(paths);
  }

  willCancel(): void {
    this.answers.push(null);
  }

  chooseSave(request: SaveDialogRequest): Promise<string | null> {
    this.shown.push(request);
    const answer = this.next('save');
    if (answer !== null && typeof answer !== 'string') throw new Error('The test expected an open dialog here.');
    return Promise.resolve(answer);
  }

  chooseOpen(request: OpenDialogRequest): Promise<readonly string[] | null> {
    this.shown.push(request);
    const answer = this.next('open');
    if (typeof answer === 'string') throw new Error('The test expected a save dialog here.');
    return Promise.resolve(answer);
  }

  private next(kind: string): string | readonly string[] | null {
    if (this.answers.length === 0) throw new Error(`A ${kind} dialog was shown, but the test said nothing to pick.`);
    return this.answers.shift() ?? null;
  }
}
