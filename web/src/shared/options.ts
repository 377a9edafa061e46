/**
 * The API's values (keys of a map typed by the contract, so that none is missed) with the page's words for them,
 * as the options of a select, radios or checkboxes, in the map's order.
 */
export function optionsOf<Value extends string>(
  text: Record<Value, string | readonly [text: string, hint: string]>,
): [Value, string, string?][] {
  return (Object.entries(text) as [Value, string | readonly [string, string]][]).map(([value, words]) =>
    typeof words === 'string' ? [value, words] : [value, words[0], words[1]],
  );
}
