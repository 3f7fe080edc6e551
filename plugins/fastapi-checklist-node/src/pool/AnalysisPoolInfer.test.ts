import { goodService } from '../__fixtures__/goodService';
import { inferTemplateAnswers } from '../answers/inferAnswers';
import { DEFAULT_ANALYSIS_LIMITS } from '../limits';
import { treeFromEntries } from '../tree/sourceTree';
import { AnalysisPool } from './AnalysisPool';

// Workers load the TypeScript sources through the node transform.
jest.setTimeout(180_000);

describe('AnalysisPool.inferAnswers', () => {
  const pool = new AnalysisPool({
    workers: 1,
    workerMaxHeapMb: 512,
    timeoutMs: 120_000,
    limits: DEFAULT_ANALYSIS_LIMITS,
  });
  afterAll(() => pool.close());

  it('infers the answers in a worker as in process', async () => {
    const tree = () => treeFromEntries(Object.entries(goodService));
    const inferred = await pool.inferAnswers(tree());
    expect(inferred.database?.value).toBe('none');
    expect(JSON.parse(JSON.stringify(inferred))).toEqual(
      await inferTemplateAnswers(tree()),
    );
  });
});
