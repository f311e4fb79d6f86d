/**
 * How long a text a person may store, in characters: one rule for forms, the JSON API and imports
 * alike. Hubplan planning assumptions: a building's or scenario's name fits a table cell and a
 * report heading; a description or note fits a page.
 */
export const MAX_NAME_CHARS = 200;
export const MAX_TEXT_CHARS = 5000;
