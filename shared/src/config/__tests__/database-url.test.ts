import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseUrl } from '../database-url';

const dir = mkdtempSync(join(tmpdir(), 'hub-database-url-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('databaseUrl: a PostgreSQL URL with its password from a file', () => {
  it('returns the URL as given without a password file', () => {
    expect(databaseUrl({ DATABASE_URL: 'postgres://hub:pw@db:5432/hub_police' })).toBe('postgres://hub:pw@db:5432/hub_police');
    expect(databaseUrl({ DATABASE_URL: 'postgres://hub:pw@db/x', DATABASE_PASSWORD_FILE: undefined })).toBe('postgres://hub:pw@db/x');
  });

  it('puts the file\'s password into the URL, encoded, without one trailing line break', () => {
    const url = databaseUrl({ DATABASE_URL: 'postgres://hub_police@db:5432/hub_police', DATABASE_PASSWORD_FILE: file('pw', 'p@ss:w/rd%\n') });
    expect(new URL(url).username).toBe('hub_police');
    expect(decodeURIComponent(new URL(url).password)).toBe('p@ss:w/rd%');
    expect(new URL(url).pathname).toBe('/hub_police');
  });

  it('refuses, naming the variables, what it cannot use', () => {
    const pw = file('ok', 'secret');
    expect(() => databaseUrl({ DATABASE_URL: undefined })).toThrow('DATABASE_URL is not set');
    expect(() => databaseUrl({ DATABASE_URL: 'not a url' })).toThrow('DATABASE_URL is not a URL');
    expect(() => databaseUrl({ DATABASE_URL: 'mysql://a@b/c' })).toThrow('DATABASE_URL must be a postgres:// URL');
    expect(() => databaseUrl({ AUDIT_WRITER_URL: 'postgres://w:x@db/a', AUDIT_WRITER_PASSWORD_FILE: pw })).toThrow(
      'AUDIT_WRITER_URL carries a password and AUDIT_WRITER_PASSWORD_FILE another',
    );
    expect(() => databaseUrl({ DATABASE_URL: 'postgres://db/a', DATABASE_PASSWORD_FILE: pw })).toThrow('names no role');
    expect(() => databaseUrl({ DATABASE_URL: 'postgres://a@db/a', DATABASE_PASSWORD_FILE: join(dir, 'missing') })).toThrow(
      /DATABASE_PASSWORD_FILE: cannot read .*missing \(ENOENT\)/,
    );
    expect(() => databaseUrl({ DATABASE_URL: 'postgres://a@db/a', DATABASE_PASSWORD_FILE: file('empty', '\n') })).toThrow('is empty');
  });
});
