import { readFileSync } from 'node:fs';
import { parse, print } from 'graphql';
import { requestLimits } from '../plugins/request-limits';
import type { TrustedDocumentsManifest } from './trusted-documents-manifest';

/** The registered operations a gateway may run, looked up by id or by their text. */
export class TrustedDocuments {
  private readonly byId: Map<string, string>;
  private readonly bodies: Set<string>;

  constructor(manifest: TrustedDocumentsManifest) {
    this.byId = new Map(manifest.operations.map((o) => [o.id, o.body]));
    this.bodies = new Set(manifest.operations.map((o) => o.body));
  }

  /** Reads a manifest written by `npm run trusted-documents`; a missing or malformed file fails the start. */
  static load(path: string): TrustedDocuments {
    let manifest: TrustedDocumentsManifest;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as TrustedDocumentsManifest;
    } catch (error) {
      throw new Error(`The trusted-documents manifest ${path} cannot be read: ${(error as Error).message}`);
    }
    if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      throw new Error(`${path} is not a persisted query manifest (format apollo-persisted-query-manifest, version 1)`);
    }
    return new TrustedDocuments(manifest);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The body registered under `id` (sha256 hex, with or without the `sha256:` prefix). */
  body(id: string): string | undefined {
    return this.byId.get(id.replace(/^sha256:/, ''));
  }

  /** Whether `query` is a registered operation, however it is formatted. */
  trusts(query: string): boolean {
    if (this.bodies.has(query)) return true;
    try {
      return this.bodies.has(print(parse(query, { noLocation: true, maxTokens: requestLimits.maxTokens })));
    } catch {
      return false;
    }
  }
}
