/** Today's calendar date in the UK (Europe/London), as YYYY-MM-DD. Deadlines and notices run on UK dates. */
export function ukDate(instant: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
