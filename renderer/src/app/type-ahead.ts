// Keyboard first means typing straight on: after Ctrl+N (or a "New ..." command) the officer types the first
// field at once, without waiting for the form to appear. Keys typed while the app is still moving the cursor
// there must not be lost, nor land in whatever had focus before (a list's search box). The shortcuts move the
// cursor synchronously where they can; `holdTypeAhead` is the net under that: until the cursor reaches its
// destination, printable keys are held back and then typed into the field that receives it.

/** How long keys are held at most before they are let through as usual. */
export const HOLD_MS = 2000;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function characters(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

/** A key that types a character, as opposed to a shortcut (Ctrl+x, Alt+x, Cmd+x) or a moving or editing key. */
export function isTypedCharacter(event: KeyboardEvent): boolean {
  if (event.isComposing || event.metaKey) return false;
  // Ctrl+Alt is AltGr on Windows keyboards (€, @ on many layouts): a character, not a shortcut.
  if (event.ctrlKey !== event.altKey) return false;
  // Named keys (Enter, Tab, F1, Dead, Process) are words; a typed character is one grapheme.
  return characters(event.key).length === 1;
}

/**
 * Types `text` into `element` as the keyboard would: at the cursor of a text box (React sees an ordinary input
 * event), or as a select's type-ahead (the first option whose label starts with the text). Other elements
 * (radio buttons, checkboxes) take no text: it is dropped.
 */
export function typeInto(element: Element, text: string): void {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    if (element.readOnly || element.disabled || element.selectionStart === null) return;
    const end = element.selectionEnd ?? element.value.length;
    element.setRangeText(text, element.selectionStart, end, 'end');
    element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  } else if (element instanceof HTMLSelectElement) {
    if (element.disabled) return;
    const wanted = fold(text);
    const option = [...element.options].find((o) => !o.disabled && fold(o.label).startsWith(wanted));
    if (!option || option.value === element.value) return;
    element.value = option.value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

let current: (() => void) | null = null;

/**
 * Holds typed characters back until the cursor reaches an element for which `isDestination` is true, then types
 * them there. Backspace takes back a held character; other keys (Tab, arrows, Enter) are not held. If the
 * cursor does not arrive within `ms`, what was held is dropped and typing goes on as usual. A new hold
 * replaces one still waiting.
 */
export function holdTypeAhead(isDestination: (element: Element) => boolean, ms = HOLD_MS): void {
  current?.();
  let held = '';

  const arrived = () => document.activeElement !== null && isDestination(document.activeElement);

  function onKeyDown(event: KeyboardEvent) {
    if (arrived()) {
      deliver();
      return;
    }
    if (isTypedCharacter(event)) held += event.key;
    else if (event.key === 'Backspace' && held !== '') held = characters(held).slice(0, -1).join('');
    else return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  function onFocusIn() {
    if (arrived()) deliver();
  }

  function stop() {
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('focusin', onFocusIn, true);
    window.clearTimeout(timer);
    if (current === stop) current = null;
  }

  function deliver() {
    stop();
    const target = document.activeElement;
    if (held !== '' && target && isDestination(target)) typeInto(target, held);
  }

  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('focusin', onFocusIn, true);
  const timer = window.setTimeout(stop, ms);
  current = stop;
}

/** The first field of a form, as a new record's form puts the cursor there. */
export function firstField(form: Element): HTMLElement | null {
  return form.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea');
}
