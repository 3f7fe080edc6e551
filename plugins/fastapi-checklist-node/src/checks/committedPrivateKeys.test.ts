import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

/** A PEM header and made-up body (not a key), as a committed key file starts. */
const pem = (kind: string) =>
  [
    `-----BEGIN ${kind}-----`,
    'bm90IGEga2V5LCBqdXN0IGEgdGVzdCBmaXh0dXJlIGJvZHk=',
    `-----END ${kind}-----`,
    '',
  ].join('\n');

describe('env-secrets: committed private keys (issue 12)', () => {
  it('fails on a private key committed outside test folders, not on certificates or test keys', async () => {
    const item = await checkOf('env-secrets', {
      'ssl/key.pem': pem('PRIVATE KEY'),
      'deploy/server.key': `# server key\n${pem('RSA PRIVATE KEY')}`,
      'ssl/certificate.pem': pem('CERTIFICATE'),
      'tests/fixtures/signing.pem': pem('PRIVATE KEY'),
      'docs/notes.txt': pem('PRIVATE KEY'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'ssl/key.pem:1 key.pem is a private key committed to the repository',
      'deploy/server.key:2 server.key is a private key committed to the repository',
    ]);
  });

  it('leaves the verdict as it is with only a certificate and a test key', async () => {
    const baseline = await checkOf('env-secrets');
    const item = await checkOf('env-secrets', {
      'ssl/certificate.pem': pem('CERTIFICATE'),
      'tests/fixtures/signing.pem': pem('PRIVATE KEY'),
    });
    expect(item).toEqual(baseline);
  });
});
