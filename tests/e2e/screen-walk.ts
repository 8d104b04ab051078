import type { Page } from '@playwright/test';

// What the screen walk (screen-walk.spec.ts) checks on every screen: English sentences from the app's own
// catalogue on a Dutch screen, and content that spills sideways or is cut off.

/** A catalogue string, as a pattern that matches it with any interpolated values. */
export interface CatalogueEntry {
  key: string;
  english: string;
  pattern: RegExp;
}

/**
 * Words and names that read the same in both languages or are never translated: product and system names,
 * codes. Matched against the whole visible text of an element.
 */
export const ALLOWED_ENGLISH = [
  'Liaison Log',
  'SIENA',
  'Interpol I-24/7',
  'Europol',
  'Interpol',
  'Eurojust',
  'CSV',
  'XLSX',
  'PDF',
  'English',
] as const;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Flattens an English and a Dutch catalogue of the same shape into the English strings that differ from their
 * Dutch counterpart and read as words (two letters or more after the placeholders are taken out).
 */
/** Words that are English and Dutch alike: a template whose only words they are says nothing of its language. */
const DUTCH_TOO = new Set(['of', 'in', 'is', 'per', 'over']);

export function englishOnly(en: unknown, nl: unknown, prefix = ''): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  if (typeof en === 'string') {
    const words = en.replace(/\{\{[^}]+\}\}/g, '').replace(/<\/?\d+>/g, '');
    if (en === nl || !/[A-Za-z]{2,}/.test(words) || (ALLOWED_ENGLISH as readonly string[]).includes(en.trim())) {
      return out;
    }
    // A placeholder stands for any text, a count for a number (so "{{count}} day" is not any text ending in
    // "day", such as a record's title); markup placeholders (<1>…</1>) for nothing.
    const parts = en.replace(/<\/?\d+>/g, '').split(/\{\{\s*([^},\s]+)[^}]*\}\}/);
    let source = '';
    let literal = '';
    parts.forEach((part, i) => {
      if (i % 2 === 1) source += part === 'count' ? ' ?[\\d.,\u00a0\u202f]+ ?' : '.+?';
      else {
        source += escape(part.replace(/\s+/g, ' ').trim());
        literal += part.trim();
      }
    });
    // "{{done}} of {{planned}}": the only word is one Dutch has too ("of": or), so it cannot tell the languages
    // apart; any Dutch sentence with "of" in it would match.
    if (literal.length < 2 || DUTCH_TOO.has(literal.toLowerCase())) return out;
    out.push({ key: prefix, english: en, pattern: new RegExp(`^${source}$`) });
    return out;
  }
  if (en && typeof en === 'object') {
    for (const [key, value] of Object.entries(en)) {
      const dutch = nl && typeof nl === 'object' ? (nl as Record<string, unknown>)[key] : undefined;
      out.push(...englishOnly(value, dutch, prefix ? `${prefix}.${key}` : key));
    }
  }
  return out;
}

/** Every string of a catalogue, for the words that read the same in both languages. */
export function allStrings(catalogue: unknown, out = new Set<string>()): Set<string> {
  if (typeof catalogue === 'string') out.add(catalogue.replace(/\s+/g, ' ').trim());
  else if (catalogue && typeof catalogue === 'object') for (const v of Object.values(catalogue)) allStrings(v, out);
  return out;
}

/** The visible texts of the page: each element's own text, and each leaf element's whole text. */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts = new Set<string>();
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0;
    };
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    // Text the page itself marks as English (lang="en" below the root: a term's English label beside its Dutch
    // one in Settings) is meant to be English on a Dutch screen.
    const markedEnglish = (el: Element) => {
      const marked = el.closest('[lang]');
      return marked !== null && marked !== document.documentElement && /^en\b/i.test(marked.getAttribute('lang') ?? '');
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (['SCRIPT', 'STYLE', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
      if (!visible(el) || markedEnglish(el)) continue;
      let own = '';
      for (const node of Array.from(el.childNodes)) if (node.nodeType === Node.TEXT_NODE) own += node.textContent ?? '';
      if (norm(own)) texts.add(norm(own));
      if (el instanceof HTMLElement && norm(el.innerText) && el.children.length <= 3) texts.add(norm(el.innerText));
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const value = el.getAttribute(attr);
        if (value && norm(value)) texts.add(norm(value));
      }
      if (el instanceof HTMLSelectElement && el.selectedOptions[0]) texts.add(norm(el.selectedOptions[0].text));
    }
    return [...texts];
  });
}

/** Visible texts of the page that are English strings from the catalogue (and not in the allowed list). */
export async function englishOnScreen(
  page: Page,
  catalogue: readonly CatalogueEntry[],
  dutch: ReadonlySet<string>,
): Promise<string[]> {
  const texts = await visibleTexts(page);
  const found: string[] = [];
  for (const text of texts) {
    // "Open", "Post", "Status": words that are Dutch too, where the Dutch catalogue has them.
    if ((ALLOWED_ENGLISH as readonly string[]).includes(text) || dutch.has(text)) continue;
    const hit = catalogue.find((entry) => entry.pattern.test(text));
    if (hit) found.push(`"${text}" (${hit.key})`);
  }
  return found;
}

/**
 * Content that spills sideways: the content area (`main`) or the page scrolling horizontally, elements reaching
 * past the content area's right edge, and text cut off inside a control or a cell (scrollWidth > clientWidth
 * where overflow hides it). Scroll areas meant to scroll (a wide table's own scroller) are not counted.
 */
export async function overflowOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const text = (el as HTMLElement).innerText?.replace(/\s+/g, ' ').trim().slice(0, 60) ?? '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : '';
      return `${el.tagName.toLowerCase()}${cls}${text ? ` "${text}"` : ''}`;
    };
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth}px)`);
    const main = document.querySelector('main');
    if (!main) return ['no <main> on the page'];
    if (main.scrollWidth > main.clientWidth + 1) {
      problems.push(`the content area scrolls sideways (${main.scrollWidth}px in ${main.clientWidth}px)`);
    }
    const edge = main.getBoundingClientRect().right;
    const scrollers = (el: Element) => {
      for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll') return true;
      }
      return false;
    };
    for (const el of Array.from(main.querySelectorAll('*'))) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || style.position === 'fixed') continue;
      const rect = el.getBoundingClientRect();
      // Zero-size and visually hidden elements (screen-reader text) take no room on screen.
      if (rect.width <= 1 || rect.height <= 1 || el.closest('.visually-hidden')) continue;
      const spills = (e: Element) => e.getBoundingClientRect().right > edge + 1;
      // The outermost element that spills says where: its rows and cells spill with it.
      if (
        spills(el) &&
        !scrollers(el) &&
        !(el.parentElement && el.parentElement !== main && spills(el.parentElement))
      ) {
        problems.push(`${describe(el)} reaches ${Math.round(rect.right - edge)}px past the content area`);
      }
      const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const control = el.matches('button, a, label, th, td, .badge, [role="tab"]');
      if (el.matches('input, textarea, select')) continue; // a long value scrolls inside its field
      if ((clips || control) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !scrollers(el)) {
        if (clips || style.whiteSpace === 'nowrap') problems.push(`${describe(el)} is cut off`);
      }
    }
    return [...new Set(problems)];
  });
}
