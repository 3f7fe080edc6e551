import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** What the server answers for a repository: every file, base64, as the reader expects. */
export type RepositoryDownload = {
  files: { path: string; content: string }[];
};

function filesUnder(directory: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(directory, prefix), { withFileTypes: true })
    .flatMap(entry => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesUnder(directory, relative) : [relative];
    })
    .sort();
}

/**
 * Serves the synthetic repositories under `root` over loopback HTTP as a git host serves
 * archives: `GET /<name>/` answers every file of the repository with an ETag of its
 * content, and a request whose If-None-Match is still current gets 304 without a body.
 * Every answer, 304 included, waits `latencyMs` first: a host's round trips (a GitHub
 * readTree asks for the branch's commit, then downloads the archive), so the load rows
 * can measure a refresh whose cost includes waiting on downloads, as it does in
 * production, instead of only the analysis CPU of repositories on a local disk.
 */
export async function startRepositoryServer(options: {
  root: string;
  latencyMs: number;
}): Promise<{
  baseUrl: string;
  /** Answers with a body so far: repositories downloaded (304s are not). */
  downloads(): number;
  close(): Promise<void>;
}> {
  const { root, latencyMs } = options;
  let downloads = 0;
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(
      new URL(req.url ?? '/', 'http://x').pathname,
    ).replace(/^\/|\/$/g, '');
    const directory = path.join(root, name);
    if (
      req.method !== 'GET' ||
      !/^[\w.-]+$/.test(name) ||
      !fs.existsSync(directory)
    ) {
      res.writeHead(404).end();
      return;
    }
    const files = filesUnder(directory).map(file => ({
      path: file,
      content: fs.readFileSync(path.join(directory, file)),
    }));
    const hash = createHash('sha256');
    for (const file of files)
      hash.update(file.path).update('\0').update(file.content);
    const etag = `"${hash.digest('hex').slice(0, 32)}"`;
    setTimeout(() => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      downloads += 1;
      const body: RepositoryDownload = {
        files: files.map(file => ({
          path: file.path,
          content: file.content.toString('base64'),
        })),
      };
      res
        .writeHead(200, { etag, 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    }, latencyMs);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    downloads: () => downloads,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
      ),
  };
}
