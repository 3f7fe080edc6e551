import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const config = goodService['app/config.py'];

describe('env-secrets: real-world cases (issue 12)', () => {
  it('fails on secret defaults passed inside calls', async () => {
    const item = await checkOf('env-secrets', {
      'app/db.py': [
        'from decouple import config',
        'from pydantic import BaseModel, Field, SecretStr',
        'DB_PASSWORD: str = config("DB_PASSWORD", default="postgres")',
        'class Database(BaseModel):',
        '    password: SecretStr = SecretStr("passwd-change-me")',
        '    api_key: str = Field(default="sk-123")',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/db.py:3 DB_PASSWORD is a hard-coded secret',
      'app/db.py:5 password is a hard-coded secret',
      'app/db.py:6 api_key is a hard-coded secret',
    ]);
  });

  it('does not take message constants for secrets', async () => {
    const item = await checkOf('env-secrets', {
      'app/messages.py':
        'INCORRECT_PASSWORD = "Incorrect email or password"\nNO_API_KEY = "No API key provided."\n',
    });
    expect(item.status).toBe('warn'); // the fixture's own refused default only
    expect(evidenceLines(item)).not.toContainEqual(
      expect.stringContaining('app/messages.py'),
    );
  });

  it('fails on a committed env file in a subfolder, whatever its suffix', async () => {
    const item = await checkOf('env-secrets', {
      'deploy/backend/.env.server': 'DATABASE_PASSWORD=s3cr3t-value\n',
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'deploy/backend/.env.server:1 .env.server is committed to the repository',
    ]);
  });

  it('takes env files named as templates or examples, whatever the word order, for examples', async () => {
    const baseline = await checkOf('env-secrets');
    const item = await checkOf('env-secrets', {
      'deploy/template.backend.env': 'API_SECRET_KEY="change-me-please"\n',
      'deploy/example.env': 'DATABASE_PASSWORD=change-me\n',
      'deploy/.env.sample.local': 'DATABASE_PASSWORD=change-me\n',
    });
    expect(item).toEqual(baseline);
    // A real env file whose name only contains such a word is still one.
    const real = await checkOf('env-secrets', {
      'deploy/templates.env': 'DATABASE_PASSWORD=s3cr3t-value\n',
    });
    expect(real.status).toBe('fail');
  });

  it('warns on a committed .env of placeholders the settings refuse outside development', async () => {
    const item = await checkOf('env-secrets', {
      '.env': 'ENVIRONMENT=development\nSECRET_KEY=changethis\n',
      'app/config.py': config.replace(
        'SECRET_KEY: str = "changethis"',
        'SECRET_KEY: str',
      ),
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'app/config.py:7 settings class',
      '.env:2 .env is committed with placeholders ("changethis") the settings refuse outside development',
    ]);
  });

  it('ignores an env file without credentials (a frontend VITE_API_URL)', async () => {
    const item = await checkOf('env-secrets', {
      'frontend/.env': 'VITE_API_URL=http://localhost:8000\n',
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).not.toContainEqual(
      expect.stringContaining('frontend/.env'),
    );
  });

  it('warns on a secret default confined to a test settings class', async () => {
    const item = await checkOf('env-secrets', {
      'app/config.py': config.replace(
        / {4}SECRET_KEY: str = "changethis"\n/,
        '    SECRET_KEY: str\n',
      ),
      'app/environments.py':
        'from app.config import Settings\n\n\nclass TestAppSettings(Settings):\n    SECRET_KEY: str = "test_secret"\n',
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toContain(
      'app/environments.py:5 SECRET_KEY has a committed default in TestAppSettings, a settings class for tests or development',
    );
  });

  it('warns on literal credentials in a compose file, not on ${VARIABLES}', async () => {
    const item = await checkOf('env-secrets', {
      'app/config.py': config.replace(
        / {4}SECRET_KEY: str = "changethis"\n/,
        '    SECRET_KEY: str\n',
      ),
      'docker-compose.yml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      - POSTGRES_PASSWORD=app',
        '      - POSTGRES_USER=app',
        '  api:',
        '    environment:',
        '      SECRET_KEY: ${SECRET_KEY}',
      ].join('\n'),
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'app/config.py:7 settings class',
      'docker-compose.yml:5 POSTGRES_PASSWORD is a literal credential in a compose file',
    ]);
  });

  it("counts starlette's Config as reading the environment", async () => {
    const item = await checkOf('env-secrets', {
      'app/config.py': [
        'from starlette.config import Config',
        'from starlette.datastructures import Secret',
        'config = Config(".env")',
        'API_KEY: Secret = config("API_KEY", cast=Secret)',
      ].join('\n'),
    });
    expect(item.status).toBe('pass');
  });
  it("counts dynaconf's Dynaconf as reading the environment", async () => {
    const item = await checkOf('env-secrets', {
      'app/config.py': [
        'from dynaconf import Dynaconf',
        'settings = Dynaconf(envvar_prefix="SHOP", settings_files=["settings.toml"])',
        'def get_settings():',
        '    return settings',
      ].join('\n'),
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/config.py:2 reads the environment',
    ]);
  });

  it('does not take enum members named like secrets for secrets', async () => {
    const item = await checkOf('env-secrets', {
      'app/messages.py': [
        'from enum import Enum, StrEnum',
        'class FormError(StrEnum):',
        '    password_mismatch = "password_mismatch"',
        'class Reason(str, Enum):',
        '    token = "expired-token"',
      ].join('\n'),
    });
    expect(evidenceLines(item)).not.toContainEqual(
      expect.stringContaining('app/messages.py'),
    );
  });

  it('warns on a committed env file for tests, failing on the same file for deployment', async () => {
    const forTests = await checkOf('env-secrets', {
      '.env.test': 'SECRET_KEY=not-a-real-key\n',
    });
    expect(forTests.status).toBe('warn');
    expect(evidenceLines(forTests)).toContainEqual(
      '.env.test:1 .env.test is committed with credentials for tests only',
    );
    const forDeployment = await checkOf('env-secrets', {
      '.env.production': 'SECRET_KEY=not-a-real-key\n',
    });
    expect(forDeployment.status).toBe('fail');
  });
  it('reads compose files named with a dash suffix (docker-compose-dev.yaml)', async () => {
    const item = await checkOf('env-secrets', {
      'docker-compose-dev.yaml': [
        'services:',
        '  db:',
        '    environment:',
        '      - POSTGRES_PASSWORD=postgres',
      ].join('\n'),
    });
    expect(evidenceLines(item)).toContainEqual(
      'docker-compose-dev.yaml:4 POSTGRES_PASSWORD is a literal credential in a compose file',
    );
  });
});

describe('env-secrets: test-data factories (corpus, fourth round)', () => {
  it("does not take a factory_boy factory's fake password for a secret of the service", async () => {
    const item = await checkOf('env-secrets', {
      'app/factories.py': [
        'import factory',
        'from factory import Factory, Faker',
        'from factory.alchemy import SQLAlchemyModelFactory',
        'class UserFactory(Factory):',
        '    class Meta:',
        '        model = dict',
        '    name = Faker("name")',
        '    password = "fixture!001"',
        'class AdminFactory(SQLAlchemyModelFactory):',
        '    api_key = "fixture-key"',
        'class TokenFactory(factory.Factory):',
        '    token = "fixture-token"',
      ].join('\n'),
    });
    expect(evidenceLines(item)).not.toContainEqual(
      expect.stringContaining('app/factories.py'),
    );
  });

  it('still fails on the same literal in an ordinary class', async () => {
    const item = await checkOf('env-secrets', {
      'app/clients.py': [
        'class Factory:',
        '    pass',
        'class UserClient(Factory):',
        '    password = "fixture!001"',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toContainEqual(
      'app/clients.py:4 password is a hard-coded secret',
    );
  });
});

describe("env-secrets: dynaconf's committed .secrets.toml", () => {
  it('fails on a literal secret in the [default] or [production] environment', async () => {
    const item = await checkOf('env-secrets', {
      '.secrets.toml': [
        '[default]',
        'DATABASE_PASSWORD = "s3cr3t-value"',
        '[production.security]',
        'SECRET_KEY = "prod-key-123"',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      '.secrets.toml:2 DATABASE_PASSWORD is committed in .secrets.toml ([default])',
      '.secrets.toml:4 SECRET_KEY is committed in .secrets.toml ([production])',
    ]);
  });

  it('warns on secrets confined to the development and testing environments, not on values dynaconf resolves', async () => {
    const item = await checkOf('env-secrets', {
      '.secrets.toml': [
        '[development.security]',
        'SECRET_KEY = "ONLYFORDEVELOPMENT"',
        '[production.security]',
        'SECRET_KEY = "@vault path/to/secret"',
        '[testing]',
        'API_KEY = "ONLYFORTESTING"',
      ].join('\n'),
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual(
      expect.arrayContaining([
        '.secrets.toml:2 SECRET_KEY is committed in .secrets.toml, for the development environment only',
        '.secrets.toml:6 API_KEY is committed in .secrets.toml, for the testing environment only',
      ]),
    );
    expect(evidenceLines(item)).not.toContainEqual(
      expect.stringContaining('.secrets.toml:4'),
    );
  });
});

describe('env-secrets: credentials inside a connection URL', () => {
  it('fails on a literal URL with a password, in a default or passed to a call', async () => {
    const item = await checkOf('env-secrets', {
      'app/db.py': [
        'import os',
        'from tortoise.contrib.fastapi import register_tortoise',
        'DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://app:s3cret@db:5432/app")',
        'def init(app) -> None:',
        '    register_tortoise(app, db_url="postgres://docker:docker@localhost:5432/docker")',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/db.py:3 DATABASE_URL (a connection URL with a password) is a hard-coded secret',
      'app/db.py:5 db_url= is passed a connection URL with a password',
    ]);
  });

  it('fails on a committed env file whose only credential is inside a URL', async () => {
    const item = await checkOf('env-secrets', {
      'deploy/.env':
        'APP_NAME=shop\nDATABASE_URL=postgresql://app:s3cret@db:5432/app\n',
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'deploy/.env:2 .env is committed to the repository',
    ]);
  });

  it('does not take a password hash for a secret (seed users with bcrypt or argon2 hashes)', async () => {
    const item = await checkOf('env-secrets', {
      'app/seed.py': [
        'from app.models import User',
        '',
        'def demo_users() -> list[User]:',
        '    return [',
        '        User(email="a@example.com", password_hash="$2b$12$mZzAAXmyGtilH5mlwosyNuz5v56iacPnXAfo0v6XPhNLCgzAQBsTC"),',
        '        User(email="b@example.com", hashed_password="$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"),',
        '    ]',
        '',
        'ADMIN_PASSWORD = "$2b$12$not-a-hash"',
      ].join('\n'),
      'app/models.py': 'class User:\n    pass\n',
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/seed.py:9 ADMIN_PASSWORD is a hard-coded secret',
    ]);
  });

  it('does not count URLs without a password, or with one taken from elsewhere', async () => {
    const item = await checkOf('env-secrets', {
      'app/db.py': [
        'import os',
        'SQLITE_URL = "sqlite:///./app.db"',
        'REDIS_URL = os.getenv("REDIS_URL", "redis://localhost:6379/0")',
        'USER_URL = "postgresql://app@db/app"',
        'URL = f"postgresql://{USER}:{PASSWORD}@db/app"',
      ].join('\n'),
    });
    expect(evidenceLines(item)).not.toContainEqual(
      expect.stringContaining('app/db.py'),
    );
  });
});

describe('env-secrets: secrets assigned to an attribute or key (corpus, sixth round)', () => {
  it("fails on a literal written into a configuration object's attribute or key", async () => {
    const item = await checkOf('env-secrets', {
      'app/auth_config.py': [
        'from authx import AuthX, AuthXConfig',
        'config = AuthXConfig()',
        'config.JWT_SECRET_KEY = "SECRET_KEY"',
        'config.JWT_ACCESS_COOKIE_NAME = "my_access_token"',
        'settings = {}',
        'settings["api_key"] = "sk-live-123"',
        'security = AuthX(config=config)',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/auth_config.py:3 JWT_SECRET_KEY is a hard-coded secret',
      'app/auth_config.py:6 api_key is a hard-coded secret',
    ]);
  });
});

describe('env-secrets: database init scripts a compose file mounts (corpus, seventh round)', () => {
  const settings = config.replace(
    / {4}SECRET_KEY: str = "changethis"\n/,
    '    SECRET_KEY: str\n',
  );
  const compose = (volume: string) =>
    [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}',
      '    volumes:',
      `      - ${volume}`,
    ].join('\n');

  it('warns on a literal role password in a mounted folder or file, not in one nothing mounts', async () => {
    const folder = await checkOf('env-secrets', {
      'app/config.py': settings,
      'compose.yml': compose(
        '$PWD/postgres/init:/docker-entrypoint-initdb.d:ro',
      ),
      'postgres/init/01-app.sh': [
        '#!/bin/bash',
        'psql -U "$POSTGRES_USER" <<-EOSQL',
        '    CREATE USER app;',
        "    ALTER ROLE app WITH PASSWORD 'app';",
        'EOSQL',
      ].join('\n'),
      'scripts/seed.sql': "CREATE USER other WITH PASSWORD 'other';",
    });
    expect(folder.status).toBe('warn');
    expect(evidenceLines(folder)).toEqual([
      'app/config.py:7 settings class',
      'postgres/init/01-app.sh:4 a literal database password in an init script the compose stack runs',
    ]);

    const file = await checkOf('env-secrets', {
      'app/config.py': settings,
      'deploy/docker-compose.yml': compose(
        './db/init.sql:/docker-entrypoint-initdb.d/init.sql',
      ),
      'deploy/db/init.sql': "CREATE USER app IDENTIFIED BY 'app';",
    });
    expect(file.status).toBe('warn');
  });

  it('reads only what the database image runs: the top of a mounted folder, inside the repository', async () => {
    // The images run the files directly in /docker-entrypoint-initdb.d, not its subfolders.
    const nested = await checkOf('env-secrets', {
      'app/config.py': settings,
      'compose.yml': compose('./db:/docker-entrypoint-initdb.d'),
      'db/seed/dev-users.sql': "CREATE USER dev WITH PASSWORD 'dev';",
    });
    expect(nested.status).toBe('pass');
    // A mount from outside the repository names nothing in it (not `init.sql` at its root).
    const outside = await checkOf('env-secrets', {
      'app/config.py': settings,
      'compose.yml': compose(
        '../../init.sql:/docker-entrypoint-initdb.d/init.sql',
      ),
      'init.sql': "CREATE USER app WITH PASSWORD 'app';",
    });
    expect(outside.status).toBe('pass');
    const absolute = await checkOf('env-secrets', {
      'app/config.py': settings,
      'compose.yml': compose(
        '/srv/init.sql:/docker-entrypoint-initdb.d/init.sql',
      ),
      'srv/init.sql': "CREATE USER app WITH PASSWORD 'app';",
    });
    expect(absolute.status).toBe('pass');
  });

  it("passes when the script takes the password from a variable (:'password', $APP_PASSWORD)", async () => {
    const item = await checkOf('env-secrets', {
      'app/config.py': settings,
      'compose.yml': compose('./init:/docker-entrypoint-initdb.d'),
      'init/01.sql': "CREATE USER app WITH PASSWORD :'app_password';",
      'init/02.sh': `psql -c "ALTER ROLE app PASSWORD '$APP_PASSWORD'"`,
    });
    expect(item.status).toBe('pass');
  });
});
