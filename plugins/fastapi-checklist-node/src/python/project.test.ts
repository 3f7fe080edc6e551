import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { getPythonParser, parsePython } from './parser';
import { PythonProject } from './project';

async function projectOf(files: Record<string, string>) {
  const python = await getPythonParser();
  const project = new PythonProject();
  for (const [path, source] of Object.entries(files))
    project.addModule(
      path,
      path.replace(/\.py$/, '').replace(/\//g, '.'),
      false,
      parsePython(python, source),
    );
  return project;
}

describe('PythonProject.mentions', () => {
  it('answers whether any module spells a word, and again after a module is added', async () => {
    const project = await projectOf({
      'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'app/log.py': 'import logging\n',
    });
    expect(project.mentions('FastAPI')).toBe(true);
    expect(project.mentions('logging')).toBe(true);
    expect(project.mentions('dictConfig')).toBe(false);
    expect(project.mentionsAny(['structlog', 'dictConfig'])).toBe(false);

    const python = await getPythonParser();
    project.addModule(
      'app/setup.py',
      'app.setup',
      false,
      parsePython(python, 'from logging.config import dictConfig\n'),
    );
    expect(project.mentions('dictConfig')).toBe(true);
    expect(project.mentionsAny(['structlog', 'dictConfig'])).toBe(true);
  });

  it('matches whole names only, and refuses what is not a name', async () => {
    const project = await projectOf({
      'app/main.py':
        'from fastapi_structlog import setup_logger\nlog_config_path = 1\n',
    });
    expect(project.mentions('fastapi_structlog')).toBe(true);
    expect(project.mentions('structlog')).toBe(false);
    expect(project.mentions('log_config')).toBe(false);
    expect(project.mentions('log_config_path')).toBe(true);
    expect(() => project.mentions('os.')).toThrow(/takes a name/);
  });

  it('reads a node text for a word without leaving the node', async () => {
    const project = await projectOf({
      'app/main.py': 'x = include\ny = include_router\n',
    });
    const [first, second] = project
      .modulesList()[0]
      .tree.nodesOfType('expression_statement');
    expect(first.textIncludes('include')).toBe(true);
    expect(first.textIncludes('include_router')).toBe(false);
    expect(second.textIncludes('include_router')).toBe(true);
  });
});

// The checks skip their walk over every call when no module spells what they look
// for; a name re-exported under another name is spelled where it is imported first.
describe('checks that skip modules by their text', () => {
  it('finds a logging setup called through a re-export under another name', async () => {
    const item = await checkOf('logging', {
      'app/logsetup.py':
        'from logging.config import dictConfig as configure_logs\n',
      'app/main.py': `
from fastapi import FastAPI
from app.logsetup import configure_logs

configure_logs({"version": 1})
app = FastAPI()
`,
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual(['app/main.py:5 configures logging']);
  });

  it('fails logging when no module spells a way to configure it', async () => {
    const item = await checkOf('logging', {
      'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    expect(item.status).toBe('fail');
  });
});
