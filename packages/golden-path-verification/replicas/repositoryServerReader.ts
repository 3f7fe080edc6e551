import {
  createServiceFactory,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  ReaderFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { Readable } from 'node:stream';
import type { RepositoryDownload } from './repositoryServer';

/**
 * What Backstage's readers throw for an unchanged tree. The checklist recognises it by
 * its name too (readUrlSource.ts), as it must for readers built against another copy of
 * @backstage/errors, which this package does not depend on.
 */
class NotModifiedError extends Error {
  name = 'NotModifiedError';
}

/**
 * A replica's UrlReader for the bench's repository server (repositoryServer.ts): reads
 * a repository over HTTP with the previous etag (If-None-Match), so an unchanged one
 * costs a round trip and no download, as Backstage's git host readers do.
 */
export function repositoryServerReaderFactory(baseUrl: string) {
  const origin = new URL(baseUrl).origin;
  const readerFactory: ReaderFactory = ({ treeResponseFactory }) => {
    const reader: UrlReaderService = {
      async readTree(url, options) {
        const res = await fetch(url, {
          headers: options?.etag ? { 'if-none-match': options.etag } : {},
          signal: options?.signal as AbortSignal | undefined,
        });
        if (res.status === 304) throw new NotModifiedError(`${url} unchanged`);
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        const etag = res.headers.get('etag') ?? '';
        const files = ((await res.json()) as RepositoryDownload).files.map(
          file => ({
            path: file.path,
            content: Buffer.from(file.content, 'base64'),
          }),
        );
        // Backstage's own tree for the archive and directory forms.
        const tree = () =>
          treeResponseFactory.fromReadableArray(
            files.map(file => ({
              path: file.path,
              data: Readable.from(file.content),
            })),
          );
        return {
          etag,
          files: async () =>
            files.map(file => ({
              path: file.path,
              content: async () => file.content,
            })),
          archive: async () => (await tree()).archive(),
          dir: async dirOptions => (await tree()).dir(dirOptions),
        };
      },
      async readUrl(url) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        const buffer = Buffer.from(await res.arrayBuffer());
        return {
          buffer: async () => buffer,
          stream: () => Readable.from(buffer),
          etag: res.headers.get('etag') ?? undefined,
        };
      },
      async search() {
        throw new Error(
          'The repository server has no search (the checklist never searches)',
        );
      },
    };
    return [{ reader, predicate: (url: URL) => url.origin === origin }];
  };
  return createServiceFactory({
    service: urlReaderFactoriesServiceRef,
    deps: {},
    async factory() {
      return readerFactory;
    },
  });
}
