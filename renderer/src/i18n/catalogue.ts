/**
 * The Dutch side of a namespace: exactly the English keys, every value a string. A Dutch key that is missing,
 * misspelled or extra fails the typecheck (`nl: Dutch<typeof en>` in every namespace file).
 */
export type Dutch<T> = { [K in keyof T]: T[K] extends string ? string : Dutch<T[K]> };
