import { publicErrorMessage } from './publicErrorMessage';

describe('publicErrorMessage', () => {
  it('keeps the message but not the server paths', () => {
    expect(
      publicErrorMessage(
        new Error(
          "ENOENT: no such file or directory, open '/srv/portal/.local-repositories/svc-a/app/main.py'",
        ),
        '/srv/portal/.local-repositories',
      ),
    ).toBe("ENOENT: no such file or directory, open 'svc-a/app/main.py'");
    expect(
      publicErrorMessage(
        new TypeError('Cannot read /usr/lib/node_modules/x/index.js at line 3'),
      ),
    ).toBe('Cannot read <server path> at line 3');
  });

  it('leaves URLs and relative paths alone', () => {
    const message =
      'Could not read https://github.com/acme/orders/tree/main/ (app/main.py)';
    expect(publicErrorMessage(new Error(message), '/srv/root')).toBe(message);
  });
});
