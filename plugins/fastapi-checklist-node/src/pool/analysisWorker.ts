import { toError } from '@backstage/errors';
import { parentPort } from 'node:worker_threads';
import { analyzeRepository } from '../analyze';
import { inferTemplateAnswers } from '../answers/inferAnswers';
import { fixRepository } from '../fixes';
import { parserFailures } from '../python/parser';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

/*
 * The analysis worker thread: analyses one repository per message. Its own wasm parser
 * means a hostile repository can at worst poison this thread, which the pool replaces.
 */
const port = parentPort;
if (!port) throw new Error('analysisWorker runs only as a worker thread');

port.on('message', async (request: AnalysisRequest) => {
  let response: AnalysisResponse;
  try {
    const files = new Map(
      request.files.map(([path, bytes]) => [
        path,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      ]),
    );
    const tree = { files, skipped: request.skipped };
    if (request.inferAnswers) {
      const inferred = await inferTemplateAnswers(tree, request.limits);
      response = { inferred, retire: parserFailures() > 0 };
    } else if (request.fixChecks) {
      const fixed = await fixRepository(
        tree,
        request.fixChecks,
        request.options,
      );
      response = { fixed, retire: parserFailures() > 0 };
    } else {
      const result = await analyzeRepository(
        tree,
        request.options,
        request.limits,
      );
      response = { result, retire: parserFailures() > 0 };
    }
  } catch (caught) {
    const error = toError(caught);
    response = {
      error: { name: error.name, message: error.message },
      retire: parserFailures() > 0,
    };
  }
  port.postMessage(response);
});
