import type { Dutch } from '../../i18n/catalogue';

// The `process` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  stopped: {
    title: 'Liaison Log needs to restart its data service',
    text: 'The part of Liaison Log that keeps your data stopped unexpectedly. Everything you saved is safe. Restart it, then unlock with your passphrase.',
    restart: 'Restart',
    restarting: 'Restarting…',
    failed: 'It did not restart. Close Liaison Log and start it again; if this keeps happening, contact HQ.',
  },
  notice: {
    renderer_gone:
      'The window stopped unexpectedly and was reopened. The data was locked to keep it safe; everything you saved is still there.',
    backend_stopped:
      'The data service was restarted after it stopped unexpectedly. Everything you saved is still there.',
  },
};

export const nl: Dutch<typeof en> = {
  stopped: {
    title: 'Liaison Log moet zijn gegevensdienst opnieuw starten',
    text: 'Het deel van Liaison Log dat uw gegevens bewaart, is onverwacht gestopt. Alles wat u hebt opgeslagen is veilig. Start het opnieuw en ontgrendel daarna met uw wachtzin.',
    restart: 'Opnieuw starten',
    restarting: 'Bezig met opnieuw starten…',
    failed:
      'Opnieuw starten is niet gelukt. Sluit Liaison Log en start het opnieuw; gebeurt dit vaker, neem dan contact op met het hoofdkantoor.',
  },
  notice: {
    renderer_gone:
      'Het venster is onverwacht gestopt en opnieuw geopend. De gegevens zijn vergrendeld om ze veilig te houden; alles wat u hebt opgeslagen is er nog.',
    backend_stopped:
      'De gegevensdienst is opnieuw gestart nadat die onverwacht was gestopt. Alles wat u hebt opgeslagen is er nog.',
  },
};
