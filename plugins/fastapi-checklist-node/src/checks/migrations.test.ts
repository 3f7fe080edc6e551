import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

/** The good service with a SQLModel database whose tables `startup` creates (or not). */
const database = (startup: string) => ({
  'app/database.py': `
from sqlmodel import SQLModel, create_engine

engine = create_engine("sqlite:///app.db")


def create_db_and_tables() -> None:
    SQLModel.metadata.create_all(engine)
`,
  'app/main.py': `${goodService['app/main.py']}
from app.database import create_db_and_tables  # noqa: E402

${startup}
`,
});

const alembic = {
  'alembic.ini': '[alembic]\nscript_location = alembic\n',
  'alembic/env.py': 'from alembic import context\n',
};

describe('migrations', () => {
  it('is not applicable without a SQL database', async () => {
    const item = await checkOf('migrations');
    expect(item).toMatchObject({
      status: 'not-applicable',
      summary: 'The app uses no SQL database.',
    });
  });

  it('passes with Alembic (create_all only in a function nothing calls), and with Aerich configured in pyproject', async () => {
    const item = await checkOf('migrations', {
      ...database(''),
      ...alembic,
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual(['alembic.ini:1 Alembic']);
    const aerich = await checkOf('migrations', {
      ...database(''),
      'pyproject.toml':
        '[project]\nname = "shop"\n\n[tool.aerich]\ntortoise_orm = "app.db.TORTOISE_ORM"\n',
    });
    expect(evidenceLines(aerich)).toEqual(['pyproject.toml:4 Aerich']);
  });

  it('fails when the app creates its tables at startup and has no migration tool', async () => {
    const item = await checkOf(
      'migrations',
      database('create_db_and_tables()'),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/database.py:8 creates tables from the models',
      'app/database.py:2 SQL database',
    ]);
  });

  it('fails with a database and no migration tool, even without create_all', async () => {
    const item = await checkOf('migrations', {
      'app/database.py':
        'from sqlalchemy import create_engine\n\nengine = create_engine("sqlite://")\n',
    });
    expect(item).toMatchObject({
      status: 'fail',
      summary:
        'The app uses a SQL database but has no migration tool (Alembic, Aerich, yoyo, Piccolo).',
    });
  });

  it('warns when migrations exist but the app also creates tables (create_all passed to run_sync counts)', async () => {
    const item = await checkOf('migrations', {
      ...alembic,
      'app/database.py': `
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

engine = create_async_engine("sqlite+aiosqlite://")


async def create_tables() -> None:
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
`,
      'app/main.py': `${goodService['app/main.py']}
from app.database import create_tables  # noqa: E402

app.add_event_handler("startup", create_tables)
`,
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'alembic.ini:1 Alembic',
      'app/database.py:10 creates tables from the models',
    ]);
  });

  it("ignores create_all in a script's __main__ block and before an Alembic stamp", async () => {
    const mainScript = await checkOf('migrations', {
      ...alembic,
      ...database('if __name__ == "__main__":\n    create_db_and_tables()'),
    });
    expect(mainScript.status).toBe('pass');
    const stamped = await checkOf('migrations', {
      ...alembic,
      ...database('create_db_and_tables()'),
      'app/database.py': `
from alembic import command
from alembic.config import Config
from sqlmodel import SQLModel, create_engine

engine = create_engine("sqlite:///app.db")


def create_db_and_tables() -> None:
    SQLModel.metadata.create_all(engine)
    command.stamp(Config("alembic.ini"), "head")
`,
    });
    expect(stamped.status).toBe('pass');
  });
});
