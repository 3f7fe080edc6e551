import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const alembic = {
  'alembic.ini': '[alembic]\nscript_location = alembic\n',
  'alembic/env.py': 'from alembic import context\n',
};

describe('migrations: tables created by a startup handler the app registers by decorator (issue 12)', () => {
  it('warns when an @app.on_event("startup") handler calls create_all beside Alembic', async () => {
    const item = await checkOf('migrations', {
      ...alembic,
      'app/database.py': [
        'from sqlalchemy import create_engine',
        'from sqlalchemy.orm import declarative_base',
        '',
        'engine = create_engine("sqlite:///app.db")',
        'Base = declarative_base()',
      ].join('\n'),
      'app/main.py': `${goodService['app/main.py']}
from app.database import Base, engine  # noqa: E402


@app.on_event("startup")
def on_startup() -> None:
    Base.metadata.create_all(bind=engine)
`,
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'alembic.ini:1 Alembic',
      expect.stringMatching(
        /^app\/main\.py:\d+ creates tables from the models$/,
      ),
    ]);
  });

  it('still passes when a decorated function that is not a startup handler creates them', async () => {
    const item = await checkOf('migrations', {
      ...alembic,
      'app/database.py': [
        'import functools',
        '',
        'from sqlalchemy import create_engine',
        'from sqlalchemy.orm import declarative_base',
        '',
        'engine = create_engine("sqlite:///app.db")',
        'Base = declarative_base()',
        '',
        '',
        '@functools.cache',
        'def bootstrap() -> None:',
        '    Base.metadata.create_all(bind=engine)',
      ].join('\n'),
    });
    expect(item.status).toBe('pass');
  });
});
