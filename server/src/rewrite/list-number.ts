// The one reading of a list mark that opens a line or sentence, for every rewrite and the verifier:
// "2. ", "3) ", a number glued to its word ("1.Very mild …", as dictated), a bullet ("- ", "• ", "· "), or a
// mark standing alone ("3." split off as a sentence of its own). Never a decimal: "1.5 cm" is a size.
export const LIST_NUMBER = /^\s*(?:\d{1,2}[.)](?=[ \t]|$|[A-Za-z])|[-•·*](?=[ \t]|$))[ \t]*/;

/** The text without the list mark it opens with. */
export const stripListNumber = (text: string) => text.replace(LIST_NUMBER, '');
