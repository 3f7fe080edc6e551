import { analyzeFiles, serviceWith } from './__fixtures__/analyzeFixture';
import { goodService } from './__fixtures__/goodService';
import {
  attributeChain,
  deepExpression,
  fanOutCalls,
  largeRouterModule,
} from './__fixtures__/hostileSources';
import { analyzeRepository } from './analyze';
import { DEFAULT_ANALYSIS_LIMITS } from './limits';
import { getPythonParser, parsePython } from './python/parser';
import { dottedName } from './python/syntax';
import { treeFromEntries } from './tree/sourceTree';

describe('hostile repositories (issue 13)', () => {
  it('analyses a module holding a 50,000-term expression, and scores normally after many such analyses', async () => {
    const hostile = serviceWith({
      'app/main.py': `${goodService['app/main.py']}\n${deepExpression(50_000)}`,
    });
    for (let run = 0; run < 8; run++) {
      const result = await analyzeFiles(hostile);
      expect(result.diagnostics).toEqual([]);
      expect(result.score).toBe(98);
    }
    const normal = await analyzeFiles(serviceWith());
    expect(normal.score).toBe(98);
    expect(normal.diagnostics).toEqual([]);
  });

  it('analyses a router included through a 30,000-link attribute chain, deeper than the call stack', async () => {
    const chain = attributeChain(30_000);
    const hostile = serviceWith({
      'app/main.py': `${goodService['app/main.py']}\napp.include_router(${chain})\n`,
    });
    const result = await analyzeFiles(hostile);
    expect(result.diagnostics).toEqual([]);
    expect(result.items.filter(item => item.status === 'error')).toEqual([]);
    expect(result.score).toBe(98);
    // The chain's name, and every link's, read in one walk down it.
    const tree = parsePython(await getPythonParser(), `x = ${chain}\n`);
    const [value] = tree.nodesOfType('attribute');
    expect(dottedName(value)).toBe(chain);
    expect(dottedName(value.childForFieldName('object')!)).toBe(
      attributeChain(30_000, '').slice(0, -1),
    );
  });

  it('follows a test fixture through a call graph of 200^4 paths once per function', async () => {
    // Before: every path was walked (1.6e9 resolutions) looking for a server start.
    const hostile = serviceWith({
      'tests/conftest.py': [
        'import httpx',
        'import pytest',
        fanOutCalls(4, 200),
        '@pytest.fixture',
        'def client():',
        '    f0()',
        '    return httpx.Client()',
      ].join('\n'),
    });
    const result = await analyzeFiles(hostile);
    expect(result.diagnostics).toEqual([]);
    expect(result.items.filter(item => item.status === 'error')).toEqual([]);
  });

  it('replaces a parser that failed, so the next file parses again', async () => {
    const first = await getPythonParser();
    jest.spyOn(first.parser, 'parse').mockImplementationOnce(() => {
      throw new Error('memory access out of bounds');
    });
    expect(() => parsePython(first, 'x = 1\n')).toThrow(
      'the parser failed: Error: memory access out of bounds',
    );
    const next = await getPythonParser();
    expect(next.parser).not.toBe(first.parser);
    expect(parsePython(next, 'x = 1\n').rootNode.type).toBe('module');
    const result = await analyzeFiles(serviceWith());
    expect(result.score).toBe(98);
  });

  it('refuses a repository over the total-bytes limit with an error naming it', async () => {
    // 80 files of 500 KB: each under the file limit, 40 MB in all.
    const module = largeRouterModule(500 * 1024);
    const entries: [string, string][] = [['pyproject.toml', '[project]\n']];
    for (let i = 0; i < 80; i++) entries.push([`app/big_${i}.py`, module]);
    expect(() => treeFromEntries(entries)).toThrow(
      'The repository holds more than 33554432 bytes in files the analyzer reads (limit fastapiChecklist.analysis.maxTotalBytes)',
    );
    // A tree built with looser limits is still refused by the analysis.
    const loose = treeFromEntries(entries, {
      ...DEFAULT_ANALYSIS_LIMITS,
      maxTotalBytes: 64 * 1024 * 1024,
    });
    await expect(analyzeRepository(loose)).rejects.toThrow(
      'limit fastapiChecklist.analysis.maxTotalBytes',
    );
  });

  it('abandons parsing past the parse time limit with an error naming it', async () => {
    const files: Record<string, string> = serviceWith();
    for (let i = 0; i < 4; i++)
      files[`app/big_${i}.py`] = largeRouterModule(100 * 1024, `b${i}`);
    await expect(
      analyzeRepository(
        treeFromEntries(Object.entries(files)),
        {},
        {
          ...DEFAULT_ANALYSIS_LIMITS,
          parseTimeoutMs: 1,
        },
      ),
    ).rejects.toThrow(
      "Parsing the repository's Python files took longer than 1 ms (limit fastapiChecklist.analysis.parseTimeout)",
    );
  });
});
