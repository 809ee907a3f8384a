import type { Reader } from '#memo';

/** This browser's reader: its language and time zone. */
export const reader: Reader = {
  locale: navigator.language,
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
};
