import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { ErrorCode } from '@hub/shared';
import type { GatewayContext } from '../datasources/hub-assertion-data-source';
import type { TrustedDocuments } from '../trusted-documents/trusted-documents';

/** Why a request is refused before it is parsed. */
interface Refusal {
  code: ErrorCode;
  message: string;
  status: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Remembers the operations clients registered through APQ (hash + text); bounded, oldest first out. */
class RegisteredQueries {
  private readonly entries = new Map<string, string>();
  constructor(private readonly capacity = 1_000) {}
  get(hash: string): string | undefined {
    return this.entries.get(hash);
  }
  set(hash: string, query: string): void {
    this.entries.delete(hash);
    this.entries.set(hash, query);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * Trusted documents and automatic persisted queries (Apollo's own APQ is turned off: `persistedQueries: false`).
 * A request names its operation by text (`query`), by a trusted-document id (`documentId: "sha256:<hex>"`), or by
 * an APQ hash (`extensions.persistedQuery.sha256Hash`, with the text on the first request). With `enforce` (always
 * in production) only operations of the manifest run, whichever way they are named; otherwise any text runs and
 * the ids of the manifest work too. An unknown id answers PERSISTED_QUERY_NOT_FOUND, so an APQ client resends the text.
 */
export function trustedDocumentsPlugin(documents: TrustedDocuments, options: { enforce: boolean }): ApolloServerPlugin<GatewayContext> {
  const registered = new RegisteredQueries();

  /** The text to run, a refusal, or undefined for a request with neither text nor id (Apollo answers BAD_REQUEST). */
  const resolve = (query: string | undefined, id: string | undefined): Refusal | string | undefined => {
    if (id === undefined) {
      if (query === undefined) return undefined;
      return !options.enforce || documents.trusts(query) ? query : untrusted;
    }
    if (query === undefined) {
      return documents.body(id) ?? registered.get(id) ?? { code: 'PERSISTED_QUERY_NOT_FOUND', message: 'PersistedQueryNotFound', status: 200 };
    }
    if (sha256(query) !== id && documents.body(id) !== query) {
      return { code: 'BAD_USER_INPUT', message: 'The persisted query hash does not match the query', status: 400 };
    }
    if (options.enforce && !documents.trusts(query)) return untrusted;
    registered.set(id, query);
    return query;
  };

  return {
    async requestDidStart({ request }) {
      const body = request.http?.body as { documentId?: unknown } | undefined;
      const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
      const named = typeof body?.documentId === 'string' ? body.documentId.replace(/^sha256:/, '') : persisted?.sha256Hash;
      const outcome = resolve(request.query, typeof named === 'string' ? named : undefined);
      if (outcome === undefined) return;
      if (typeof outcome === 'string') {
        request.query = outcome;
        if (request.extensions) delete request.extensions.persistedQuery;
        return;
      }
      // A refusal goes through Apollo's own error path (its answer to a persisted-query extension when APQ is off),
      // so that every plugin's willSendResponse, the operation record included, still runs; the code is put right below.
      request.extensions = { ...request.extensions, persistedQuery: { version: 1, sha256Hash: typeof named === 'string' ? named : '' } };
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.extensions.code !== 'PERSISTED_QUERY_NOT_SUPPORTED') continue;
            error.message = outcome.message;
            error.extensions.code = outcome.code;
            error.extensions.http = { status: outcome.status, headers: new HeaderMap() };
          }
        },
      };
    },
  };
}

const untrusted: Refusal = {
  code: 'TRUSTED_DOCUMENT_REQUIRED',
  message: 'This gateway runs only registered operations: send a documentId from the trusted-documents manifest (see README, "Trusted documents")',
  status: 400,
};
