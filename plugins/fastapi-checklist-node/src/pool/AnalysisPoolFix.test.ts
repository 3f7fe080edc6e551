import { serviceWith } from '../__fixtures__/analyzeFixture';
import { fixRepository } from '../fixes';
import { DEFAULT_ANALYSIS_LIMITS } from '../limits';
import { treeFromEntries } from '../tree/sourceTree';
import { AnalysisPool } from './AnalysisPool';

const pools: AnalysisPool[] = [];
function pool(timeoutMs: number) {
  const created = new AnalysisPool({
    workers: 1,
    workerMaxHeapMb: 512,
    timeoutMs,
    limits: DEFAULT_ANALYSIS_LIMITS,
  });
  pools.push(created);
  return created;
}
afterAll(() => Promise.all(pools.map(p => p.close())));

// Workers load the TypeScript sources through the node transform.
jest.setTimeout(180_000);

/** The good service whose Dockerfile lost its USER line. */
const withoutUser = () =>
  treeFromEntries(
    Object.entries(
      serviceWith({
        Dockerfile: serviceWith().Dockerfile.replace('USER app\n', ''),
      }),
    ),
  );

describe('AnalysisPool.fix', () => {
  it('runs the fixes in a worker with the same report as in process', async () => {
    const report = await pool(120_000).fix(withoutUser(), ['dockerfile', 'ci']);
    expect(report.applied.map(a => [a.checkId, a.before, a.after])).toEqual([
      ['dockerfile', 'warn', 'pass'],
    ]);
    expect(report.files.map(f => f.path)).toEqual(['Dockerfile']);
    expect(JSON.parse(JSON.stringify(report))).toEqual(
      JSON.parse(
        JSON.stringify(
          await fixRepository(withoutUser(), ['dockerfile', 'ci']),
        ),
      ),
    );
  });

  it('ends fixes that take longer than the time limit', async () => {
    await expect(pool(50).fix(withoutUser(), ['dockerfile'])).rejects.toThrow(
      'The analysis took longer than 50 ms (limit fastapiChecklist.analysis.timeout)',
    );
  });
});
