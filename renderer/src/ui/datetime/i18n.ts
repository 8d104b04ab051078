// Text of the app's own date and time inputs, in both languages with the same shape: the `datetime` namespace of
// the app's catalogue (i18n/namespaces.ts). The inputs also read it directly for the language they are given.
// Both languages write day-month-year and a 24-hour clock; English separates with slashes (28/11/2026).

const en = {
  hint: {
    date: 'dd/mm/yyyy',
    dateTime: 'dd/mm/yyyy hh:mm (24-hour)',
  },
  problem: {
    date_format: 'Enter the date as day/month/year, for example 28/11/2026.',
    time_format: 'Enter the time on the 24-hour clock, for example 28/11/2026 14:05.',
    dst_gap: 'This time did not exist: the clocks went forward from {{from}} to {{to}}. Enter a time outside the jump.',
  },
  zone: {
    /** Once per screen, where the post's clock differs from the laptop's. */
    allTimes: 'All times are {{city}} time.',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const nl: Shape<typeof en> = {
  hint: {
    date: 'dd-mm-jjjj',
    dateTime: 'dd-mm-jjjj uu:mm',
  },
  problem: {
    date_format: 'Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026.',
    time_format: 'Vul de tijd in op de 24-uursklok, bijvoorbeeld 28-11-2026 14:05.',
    dst_gap:
      'Deze tijd heeft niet bestaan: de klok ging van {{from}} naar {{to}} vooruit. Kies een tijd buiten de sprong.',
  },
  zone: {
    allTimes: 'Alle tijden in de tijd van {{city}}.',
  },
};

export type DateTimeText = typeof en;

export { en, nl };

export const datetimeI18n: { en: DateTimeText; nl: DateTimeText } = { en, nl };

/** The inputs' text in a language (Dutch for 'nl', English otherwise). */
export function datetimeText(language: string): DateTimeText {
  return language === 'nl' ? nl : en;
}
