import { checkOf } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const alembic = {
  'alembic.ini': '[alembic]\nscript_location = alembic\n',
  'alembic/env.py': 'from alembic import context\n',
};

const database = (extra: string[] = []) =>
  [
    'from sqlalchemy import create_engine',
    'from sqlalchemy.orm import declarative_base',
    '',
    'engine = create_engine("sqlite:///app.db")',
    'Base = declarative_base()',
    '',
    '',
    'def create_all(bind) -> None:',
    '    Base.metadata.create_all(bind)',
    ...extra,
  ].join('\n');

describe('migrations: a table-creating function named like the call it wraps (issue 12)', () => {
  it('passes when nothing calls it: its own body is not a use of its name', async () => {
    const item = await checkOf('migrations', {
      ...alembic,
      'app/database.py': database(),
      'app/main.py': `${goodService['app/main.py']}
from app.database import engine  # noqa: E402,F401
`,
    });
    expect(item.status).toBe('pass');
  });

  it('still warns when the app calls it, by name or through its module', async () => {
    for (const call of [
      'from app.database import create_all, engine  # noqa: E402\n\ncreate_all(engine)\n',
      'from app import database  # noqa: E402\n\ndatabase.create_all(database.engine)\n',
    ]) {
      const item = await checkOf('migrations', {
        ...alembic,
        'app/database.py': database(),
        'app/main.py': `${goodService['app/main.py']}\n${call}`,
      });
      expect(item.status).toBe('warn');
    }
  });
});
