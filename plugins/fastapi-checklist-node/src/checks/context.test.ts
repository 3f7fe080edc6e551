import { checkOf } from '../__fixtures__/analyzeFixture';
import { allOf, count, verbFor } from './context';

describe('summary wording', () => {
  const declare = { one: 'declares', many: 'declare' };

  it('makes subject and verb agree for all of n things', () => {
    expect(allOf(1, 'HTTP route', declare)).toBe('The HTTP route declares');
    expect(allOf(3, 'HTTP route', declare)).toBe('All 3 HTTP routes declare');
  });

  it('makes the verb agree with a count', () => {
    expect(`${count(1, 'route')} of 3 ${verbFor(1, declare)}`).toBe(
      '1 route of 3 declares',
    );
    expect(`${count(2, 'route')} of 3 ${verbFor(2, declare)}`).toBe(
      '2 routes of 3 declare',
    );
  });
});

describe('check summaries about one route', () => {
  it('read "The HTTP route declares …", not "All 1 HTTP route declare …"', async () => {
    const item = await checkOf('response-models', {
      'app/main.py': [
        'from fastapi import FastAPI',
        'app = FastAPI()',
        '@app.get("/health")',
        'def health() -> dict[str, str]:',
        '    return {"status": "ok"}',
      ].join('\n'),
      'app/routers/items.py': null,
      'app/routers/admin.py': null,
      'app/routers/login.py': null,
      'app/routers/probes.py': null,
    });
    expect(item.summary).toBe(
      'The HTTP route declares a response model or return type.',
    );
  });
});
