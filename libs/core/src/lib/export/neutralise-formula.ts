const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Makes a cell safe to open in a spreadsheet: one that starts like a formula (=, +, -, @, tab, CR)
 * gets a leading apostrophe (OWASP's CSV injection advice). Plain numbers such as -4.5 stay as
 * they are; they cannot run anything.
 */
export function neutraliseFormula(value: unknown): unknown {
  if (typeof value !== 'string' || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}
