// The console's settings from /console/config.json (loaded once by main.js): the sign-in mode and the agency
// registry's facts (agencies, categories, purposes, writers, usual purposes), so that no view lists them itself.
let current = null;

export function setSettings(value) {
  current = value;
}

/** The settings; main.js loads them before any view renders. */
export function settings() {
  if (!current) throw new Error('console settings not loaded');
  return current;
}
