import { BrowserWindow, dialog } from 'electron';
import type { FileChooser } from '../files/dialogs';

// The host's file dialogs in the app: Electron's native save and open dialogs, attached to the window that
// asked. The chosen paths go to the backend process with that one call (electron/process/forward.ts).

export function electronFileChooser(): FileChooser {
  const parent = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  return {
    async chooseSave(request) {
      const options = {
        defaultPath: request.suggestedName,
        filters: request.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
        properties: ['createDirectory', 'showOverwriteConfirmation'] as const,
      };
      const win = parent();
      const answer = win
        ? await dialog.showSaveDialog(win, { ...options, properties: [...options.properties] })
        : await dialog.showSaveDialog({ ...options, properties: [...options.properties] });
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
    async chooseOpen(request) {
      const properties: ('openFile' | 'openDirectory' | 'multiSelections' | 'createDirectory')[] = request.directory
        ? ['openDirectory', 'createDirectory']
        : ['openFile'];
      if (request.multiple) properties.push('multiSelections');
      const options = {
        filters: request.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
        properties,
      };
      const win = parent();
      const answer = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return answer.canceled || answer.filePaths.length === 0 ? null : answer.filePaths;
    },
  };
}
