import { mergeServiceFiles, mergeText } from './mergeFiles';

const labels = { current: 'orders-api', next: 'golden path 0.2.0' };
const files = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([p, c]) => [p, Buffer.from(c)]));

describe('mergeText', () => {
  const base = 'a\nb\nc\nd\ne\n';

  it('takes the template’s change and keeps the service’s own elsewhere', () => {
    const current = 'a\nB-by-owner\nc\nd\ne\n';
    const next = 'a\nb\nc\nd\nE-by-template\n';
    expect(mergeText(base, current, next, labels)).toEqual({
      text: 'a\nB-by-owner\nc\nd\nE-by-template\n',
      conflict: false,
      lines: [],
    });
  });

  it('takes a change both sides made once', () => {
    const both = 'a\nb\nC\nd\ne\n';
    expect(mergeText(base, both, both, labels)).toEqual({
      text: both,
      conflict: false,
      lines: [],
    });
  });

  it('marks overlapping different changes as git does', () => {
    const current = 'a\nb\nmine\nd\ne\n';
    const next = 'a\nb\ntheirs\nd\ne\n';
    expect(mergeText(base, current, next, labels)).toEqual({
      text: [
        'a\nb\n',
        '<<<<<<< orders-api\n',
        'mine\n',
        '=======\n',
        'theirs\n',
        '>>>>>>> golden path 0.2.0\n',
        'd\ne\n',
      ].join(''),
      conflict: true,
      // The markers' lines: <<<<<<< on line 3, >>>>>>> on line 7.
      lines: [{ start: 3, end: 7 }],
    });
  });

  it('keeps markers on their own lines when a side lacks a final newline', () => {
    const { text, conflict } = mergeText('x', 'mine', 'theirs', labels);
    expect(conflict).toBe(true);
    expect(text).toBe(
      '<<<<<<< orders-api\nmine\n=======\ntheirs\n>>>>>>> golden path 0.2.0\n',
    );
  });

  it('numbers every conflict of a file by the lines of its markers, after earlier ones', () => {
    const { text, lines: where } = mergeText(
      'a\nb\nc\nd\ne\nf\ng\n',
      'a\nB1\nB2\nc\nd\ne\nF\ng',
      'a\nb-next\nc\nd\ne\nf-next\ng',
      labels,
    );
    expect(where).toEqual([
      { start: 2, end: 7 },
      // The last line differs only by its missing newline on both sides: in the conflict.
      { start: 11, end: 17 },
    ]);
    const all = text.split('\n');
    for (const { start, end } of where) {
      expect(all[start - 1]).toBe('<<<<<<< orders-api');
      expect(all[end - 1]).toBe('>>>>>>> golden path 0.2.0');
    }
  });

  it('keeps CRLF line endings of untouched lines', () => {
    const { text } = mergeText(
      'a\r\nb\r\nc\r\n',
      'a\r\nb\r\nc\r\n',
      'a\r\nB\r\nc\r\n',
      labels,
    );
    expect(text).toBe('a\r\nB\r\nc\r\n');
  });
});

describe('mergeServiceFiles', () => {
  it('applies what the template changed between the versions, file by file', () => {
    const base = files({
      'app/main.py': 'app = FastAPI()\n',
      'Dockerfile': 'FROM python:3.12\n',
      'old.txt': 'old\n',
      'edited-then-removed.txt': 'v1\n',
      'unchanged.txt': 'same\n',
      'deleted-by-owner.txt': 'x\n',
    });
    const current = files({
      'app/main.py': 'app = FastAPI(title="Orders")\n',
      'Dockerfile': 'FROM python:3.12\n',
      'old.txt': 'old\n',
      'edited-then-removed.txt': 'v1 edited\n',
      'unchanged.txt': 'same\n',
      'owner-only.py': 'mine\n',
      'deploy/x.yaml': 'the owner wrote this\n',
    });
    const next = files({
      'app/main.py': 'app = FastAPI()\n',
      'Dockerfile': 'FROM python:3.13\n',
      'unchanged.txt': 'same\n',
      'deleted-by-owner.txt': 'x2\n',
      'app/metrics.py': 'metrics\n',
      'deploy/x.yaml': 'template deployment\n',
    });
    const merged = mergeServiceFiles({ base, current, next, labels });
    expect(merged.added).toEqual(['app/metrics.py']);
    expect(merged.changed).toEqual(['Dockerfile']);
    expect(merged.removed).toEqual(['old.txt']);
    expect(merged.remove).toEqual(['old.txt']);
    expect(merged.conflicts).toEqual([
      { path: 'deleted-by-owner.txt', kind: 'deleted-modified', lines: [] },
      { path: 'deploy/x.yaml', kind: 'added-both', lines: [] },
      { path: 'edited-then-removed.txt', kind: 'modified-deleted', lines: [] },
    ]);
    expect([...merged.write.keys()].sort()).toEqual([
      'Dockerfile',
      'app/metrics.py',
    ]);
    expect(merged.write.get('Dockerfile')?.toString()).toBe(
      'FROM python:3.13\n',
    );
  });

  it('merges a file both sides changed, marking what overlaps', () => {
    const merged = mergeServiceFiles({
      base: files({ 'README.md': '# svc\nintro\nend\n' }),
      current: files({ 'README.md': '# svc\nour intro\nend\n' }),
      next: files({ 'README.md': '# svc\nnew intro\nend\n' }),
      labels,
    });
    expect(merged.changed).toEqual(['README.md']);
    expect(merged.conflicts).toEqual([
      { path: 'README.md', kind: 'content', lines: [{ start: 2, end: 6 }] },
    ]);
    expect(merged.write.get('README.md')?.toString()).toContain(
      '<<<<<<< orders-api\nour intro\n=======\nnew intro\n>>>>>>> golden path 0.2.0\n',
    );
  });

  it('never merges binary files by lines: the service’s is kept and listed', () => {
    const merged = mergeServiceFiles({
      base: new Map([['logo.png', Buffer.from([1, 0, 2])]]),
      current: new Map([['logo.png', Buffer.from([1, 0, 3])]]),
      next: new Map([['logo.png', Buffer.from([1, 0, 4])]]),
      labels,
    });
    expect(merged.write.size).toBe(0);
    expect(merged.conflicts).toEqual([{ path: 'logo.png', kind: 'binary', lines: [] }]);
  });

  it('takes files the template owns outright from the new version, whatever the service has', () => {
    const merged = mergeServiceFiles({
      base: files({}),
      current: files({ '.golden-path/answers.yaml': 'version: 0.1.0\n' }),
      next: files({ '.golden-path/answers.yaml': 'version: 0.2.0\n' }),
      labels,
      generated: new Set(['.golden-path/answers.yaml']),
    });
    expect(merged.conflicts).toEqual([]);
    expect(merged.added).toEqual(['.golden-path/answers.yaml']);
    expect(merged.write.get('.golden-path/answers.yaml')?.toString()).toBe(
      'version: 0.2.0\n',
    );
  });

  it('leaves a file the owners deleted deleted when the template did not change it', () => {
    const merged = mergeServiceFiles({
      base: files({ 'docs/index.md': 'docs\n' }),
      current: files({}),
      next: files({ 'docs/index.md': 'docs\n' }),
      labels,
    });
    expect(merged.write.size).toBe(0);
    expect(merged.conflicts).toEqual([]);
  });

  it('changes nothing when the service already has the new version', () => {
    const next = files({ 'a.py': 'new\n' });
    const merged = mergeServiceFiles({
      base: files({ 'a.py': 'old\n' }),
      current: next,
      next,
      labels,
    });
    expect(merged).toEqual({
      write: new Map(),
      remove: [],
      added: [],
      changed: [],
      removed: [],
      conflicts: [],
    });
  });
});
