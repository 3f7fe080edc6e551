import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  InferableAnswerValues,
  InferredAnswers,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  inferTemplateAnswers,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { renderWithAction } from './__testUtils__/renderWithAction';
import { readTemplate } from './__testUtils__/templateDirectory';
import { allVariants, Variant } from './variants/matrix';

const ANSWERS_FILE = '.golden-path/answers.yaml';
const CURRENT = readTemplate().metadata.annotations[
  'fastapi-golden-path/version'
] as string;

/** What the inference must claim for a variant: every answer the rendered service states. */
function expectedAnswers(
  variant: Variant,
  version: string,
): Partial<InferableAnswerValues> {
  const input = variant.input as unknown as InferableAnswerValues;
  const expected: Partial<InferableAnswerValues> = {
    ...input,
    createdFrom: version,
  };
  // Empty: catalog-info.yaml leaves them out. Without a database the image runs one
  // worker whatever the answer was.
  if (!input.description) delete expected.description;
  if (!input.system) delete expected.system;
  if (input.database === 'none') delete expected.workers;
  return expected;
}

/** What the line an answer names shows, per field (the value, or what decides it). */
const LINE_SHOWS: Record<keyof InferableAnswerValues, (value: any) => RegExp> =
  {
    name: v => new RegExp(`name: ${v}$`),
    description: () => /description: /,
    owner: v => new RegExp(`owner: ${v}$`),
    system: v => new RegExp(`system: ${v}$`),
    lifecycle: v => new RegExp(`lifecycle: ${v}$`),
    createdFrom: v =>
      new RegExp(`fastapi-golden-path/template: fastapi-service@${v}$`),
    database: v =>
      v === 'none'
        ? /^class Settings\(BaseSettings\):/
        : new RegExp(`DATABASE_URL: str = "${v}`),
    auth: v =>
      v === 'none'
        ? /^class Settings\(BaseSettings\):/
        : /OAuth2PasswordBearer\(/,
    resource: () => /^@router\.get\(""\)$/,
    websockets: v => (v ? /^@router\.websocket\("\/ws\// : /= FastAPI\($/),
    backgroundTasks: v => (v ? /: BackgroundTasks,$/ : /^@router\.post\(""/),
    corsOrigins: () => /^CORS_ORIGINS: list\[str\] = \[/,
    pythonVersion: v =>
      new RegExp(`^FROM python:${v.replace('.', '\\.')}-slim$`),
    workers: v => new RegExp(`"--workers", "${v}"`),
  };

const valuesOf = (inferred: InferredAnswers) =>
  Object.fromEntries(
    Object.entries(inferred).map(([key, answer]) => [key, answer!.value]),
  );

/**
 * Every proven variant rendered for real (fastapi:render, catalog-info.yaml included)
 * from the current skeleton and from release 0.1.0, its answers file deleted: the
 * inference gives back exactly the answers it was rendered with, each from a line of the
 * repository that holds it.
 */
describe.each([
  { version: CURRENT, skeleton: './skeleton' },
  { version: '0.1.0', skeleton: './releases/0.1.0/skeleton' },
])(
  'answers inferred from a service rendered from $skeleton',
  ({ version, skeleton }) => {
    const workspace = createMockDirectory();
    const scratch = createMockDirectory();

    it.each(allVariants().map(v => [v.id, v] as const))(
      '%s',
      async (_id, variant) => {
        workspace.clear();
        await renderWithAction({
          input: { ...variant.input, skeleton },
          workspacePath: workspace.path,
          scratchDir: scratch.path,
          version,
        });
        // Release 0.1.0 records no answers; since 0.2.0 they are the ones rendered with.
        const answersFile = path.join(workspace.path, ANSWERS_FILE);
        const recorded = fs.existsSync(answersFile)
          ? parseYaml(fs.readFileSync(answersFile, 'utf8')).answers
          : undefined;
        expect(recorded).toEqual(
          version === '0.1.0' ? undefined : variant.input,
        );
        fs.rmSync(answersFile, { force: true });

        const inferred = await inferTemplateAnswers(
          await treeFromDirectory(workspace.path),
        );

        expect(valuesOf(inferred)).toEqual(expectedAnswers(variant, version));
        for (const [key, answer] of Object.entries(inferred)) {
          const lines = fs
            .readFileSync(path.join(workspace.path, answer!.path), 'utf8')
            .split('\n');
          const shows = LINE_SHOWS[key as keyof InferableAnswerValues];
          expect({ key, line: lines[answer!.line - 1]?.trim() }).toEqual({
            key,
            line: expect.stringMatching(shows(answer!.value)),
          });
        }
      },
    );
  },
);
