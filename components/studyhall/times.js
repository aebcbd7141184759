// Times as every StudyHall page shows them: in the browser's time zone and the page's language, the same short
// forms the server writes with Babel (i18n/formatting.py: `format_clock`, `format_when`), so a message, a file and
// a search result read alike: `8:03 AM` / `08:03`, and `Dec 2, 8:03 AM` with the day.
import { pageLocale } from "studyhall";

/** The time of day: `8:03 AM`, `08:03`. */
export function clockOf(iso) {
  return new Date(iso).toLocaleTimeString(pageLocale(), { timeStyle: "short" });
}

/** The day and the time: `Dec 2, 8:03 AM`, `2. Dez., 08:03`. */
export function whenOf(iso) {
  return new Date(iso).toLocaleString(pageLocale(), { month: "short", day: "numeric", hour: "numeric",
    minute: "2-digit" });
}
