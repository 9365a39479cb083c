import { readFileSync } from 'node:fs';

/**
 * A PostgreSQL connection from two variables: `<X>_URL` and, optionally, `<X>_PASSWORD_FILE` — a file holding
 * the password of the URL's role (a mounted secret: docker compose `secrets:`, a Kubernetes Secret volume), so
 * that no password stands in the environment. With the file, the URL names the role but no password.
 *
 *   databaseUrl({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_PASSWORD_FILE: process.env.DATABASE_PASSWORD_FILE })
 *
 * Throws, naming the variables, when the URL is missing or not a PostgreSQL URL, when both give a password,
 * or when the file cannot be read or is empty. One trailing line break in the file is not part of the password.
 */
export function databaseUrl(given: Record<string, string | undefined>): string {
  const urlVariable = Object.keys(given).find((k) => k.endsWith('_URL'));
  const fileVariable = Object.keys(given).find((k) => k.endsWith('_PASSWORD_FILE'));
  if (!urlVariable || Object.keys(given).length !== (fileVariable ? 2 : 1)) {
    throw new Error('databaseUrl() takes one <X>_URL variable and optionally its <X>_PASSWORD_FILE');
  }
  const text = given[urlVariable];
  if (!text) throw new Error(`${urlVariable} is not set`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${urlVariable} is not a URL`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error(`${urlVariable} must be a postgres:// URL`);
  const file = fileVariable ? given[fileVariable] : undefined;
  if (!file) return text;
  if (url.password) throw new Error(`${urlVariable} carries a password and ${fileVariable} another: give the password in one place`);
  if (!url.username) throw new Error(`${urlVariable} names no role, so the password of ${fileVariable} is no one's`);
  let password: string;
  try {
    password = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new Error(`${fileVariable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!password) throw new Error(`${fileVariable}: ${file} is empty`);
  url.password = encodeURIComponent(password);
  return url.toString();
}
