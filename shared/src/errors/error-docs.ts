import { errorCodes } from './error-codes';

/**
 * `docs/error-codes.md`, generated from the table in `error-codes.ts` by `npm run docs`;
 * `test/docs/generated-docs.test.ts` fails when the committed file is stale.
 */
export function renderErrorCodesDoc(): string {
  const rows = Object.entries(errorCodes).map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`);
  return `${[
    '# Error codes',
    '',
    '<!-- Generated from shared/src/errors/error-codes.ts by `npm run docs`. Do not edit: a test fails when it is stale. -->',
    '',
    'Every error the hub returns carries a code in `extensions.code`: one of the codes below, whose names are stable,',
    "or, for an operation that does not parse or validate, one of Apollo Server's `GRAPHQL_…` codes or `BAD_REQUEST`.",
    'A refused field (`FORBIDDEN`, `CONSENT_REQUIRED`) also names its data category in `extensions.category` and',
    'resolves to `null`, the rest of the answer intact: see [access-policy.md](access-policy.md).',
    '',
    '| code | meaning |',
    '|---|---|',
    ...rows,
  ].join('\n')}\n`;
}
