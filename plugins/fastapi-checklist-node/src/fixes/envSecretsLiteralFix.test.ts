import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  FixRun,
  lineDiff,
  pythonCompileError,
  runFixes,
  serviceWith,
  worsenedChecks,
} from './__testUtils__/fixHarness';
import { ruffFormat, ruffImportFindings } from './__testUtils__/ruff';

const ALL = CHECKS.map(check => check.id);

/**
 * The settings module in the shape pydantic-settings projects write it (main.py imports
 * get_settings), ruff-formatted, with the fields given.
 */
const settingsModule = (
  fields: string[],
  extra = '',
) => `from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

${fields.map(f => `    ${f}\n`).join('')}

@lru_cache
def get_settings() -> Settings:
    return Settings()
${extra}`;

/** The proofs every applied fix owes: pass, nothing worse, compiles, ruff-stable, only the intended lines. */
function expectProven(run: FixRun) {
  expect(run.report.refusals).toEqual([]);
  expect(run.statusBefore('env-secrets')).toBe('fail');
  expect(run.statusAfter('env-secrets')).toBe('pass');
  expect(worsenedChecks(run, ALL)).toEqual([]);
  for (const edit of run.report.files) {
    if ('deleted' in edit || !edit.path.endsWith('.py')) continue;
    expect(pythonCompileError(edit.content)).toBeUndefined();
    // The file was ruff-formatted before the fix, and still is after it.
    expect(ruffFormat(edit.path, run.before[edit.path])).toBe(
      run.before[edit.path],
    );
    expect(ruffFormat(edit.path, edit.content)).toBe(edit.content);
    // And its imports stay in isort's order (the skeleton's `ruff check` selects I).
    expect(ruffImportFindings(edit.path, run.before[edit.path])).toBe('');
    expect(ruffImportFindings(edit.path, edit.content)).toBe('');
  }
}

const changedPaths = (run: FixRun) => run.report.files.map(f => f.path).sort();

describe('env-secrets fix: secret literals in code', () => {
  it('removes committed defaults from settings fields (plain, SecretStr, Field(default=…)), listing the variables in .env.example', async () => {
    const config = settingsModule([
      'ENVIRONMENT: str = "development"',
      'SECRET_KEY: str = "Ix8NuZ2d5pH1jqQ0sWc7vYtR4kLmE9aB"',
      'STRIPE_API_KEY: SecretStr = SecretStr("sk_live_51HqLyjWDarjtT1zdp7dc")',
      'GITHUB_TOKEN: str = Field(',
      '    default="ghp_16C7e42F292c6912E7710c838347Ae178B4a",',
      '    description="Reads the organisation\'s repositories.",',
      ')',
      'JWT_SECRET: str = Field("9f2c4e7a1b8d3f6c0a5e9b2d7f4c1a8e", min_length=32)',
      // As ruff wraps it: the arguments on a line of their own, no trailing comma.
      'WEBHOOK_SECRET: str = Field(',
      '    description="Signs the hooks.", default="whsec_5Jk9Lm2Np"',
      ')',
      'CORS_ORIGINS: list[str] = []',
    ]).replace(
      'SettingsConfigDict(env_file=".env")',
      'SettingsConfigDict(env_prefix="SHOP_", env_file=".env")',
    );
    const run = await runFixes(
      serviceWith({
        'app/config.py': config,
        '.env.example': 'SHOP_ENVIRONMENT=development\nSHOP_SECRET_KEY=\n',
      }),
      ['env-secrets'],
    );
    expectProven(run);
    expect(changedPaths(run)).toEqual(['.env.example', 'app/config.py']);
    expect(lineDiff(config, run.after['app/config.py'])).toEqual({
      removed: [
        '    SECRET_KEY: str = "Ix8NuZ2d5pH1jqQ0sWc7vYtR4kLmE9aB"',
        '    STRIPE_API_KEY: SecretStr = SecretStr("sk_live_51HqLyjWDarjtT1zdp7dc")',
        '        default="ghp_16C7e42F292c6912E7710c838347Ae178B4a",',
        '    JWT_SECRET: str = Field("9f2c4e7a1b8d3f6c0a5e9b2d7f4c1a8e", min_length=32)',
        '    WEBHOOK_SECRET: str = Field(',
        '        description="Signs the hooks.", default="whsec_5Jk9Lm2Np"',
        '    )',
      ],
      added: [
        '    SECRET_KEY: str',
        '    STRIPE_API_KEY: SecretStr',
        '    JWT_SECRET: str = Field(min_length=32)',
        '    WEBHOOK_SECRET: str = Field(description="Signs the hooks.")',
      ],
    });
    // Only the variables not listed yet, with the settings' env_prefix.
    expect(run.after['.env.example']).toBe(
      'SHOP_ENVIRONMENT=development\nSHOP_SECRET_KEY=\nSHOP_STRIPE_API_KEY=\nSHOP_GITHUB_TOKEN=\nSHOP_JWT_SECRET=\nSHOP_WEBHOOK_SECRET=\n',
    );
    const [applied] = run.report.applied;
    expect(applied.description).toContain(
      'the secret at app/config.py:11 to Settings.SECRET_KEY (environment variable SHOP_SECRET_KEY, no default)',
    );
    expect(applied.notes.slice(0, 3)).toEqual([
      "The secret committed at app/config.py:11 stays in the repository's history: rotate it, then set SHOP_SECRET_KEY wherever the service runs (its tests included); the settings no longer load without it.",
      "The secret committed at app/config.py:12 stays in the repository's history: rotate it, then set SHOP_STRIPE_API_KEY wherever the service runs (its tests included); the settings no longer load without it.",
      "The secret committed at app/config.py:13 stays in the repository's history: rotate it, then set SHOP_GITHUB_TOKEN wherever the service runs (its tests included); the settings no longer load without it.",
    ]);
  });

  it("moves FastAPI's tutorial SECRET_KEY constant to a new settings field, importing the settings instance", async () => {
    const config = settingsModule(
      ['ENVIRONMENT: str = "development"', 'CORS_ORIGINS: list[str] = []'],
      '\n\nsettings = Settings()\n',
    );
    const tokens = `from datetime import UTC, datetime, timedelta

import jwt

SECRET_KEY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"
ALGORITHM = "HS256"
ACCESS_TOKEN_EXPIRE_MINUTES = 30


def create_access_token(data: dict) -> str:
    expire = datetime.now(UTC) + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
    return jwt.encode({**data, "exp": expire}, SECRET_KEY, algorithm=ALGORITHM)
`;
    const run = await runFixes(
      serviceWith({ 'app/config.py': config, 'app/tokens.py': tokens }),
      ['env-secrets'],
    );
    expectProven(run);
    expect(changedPaths(run)).toEqual(['app/config.py', 'app/tokens.py']);
    expect(lineDiff(config, run.after['app/config.py'])).toEqual({
      removed: [],
      added: ['    SECRET_KEY: str'],
    });
    expect(run.after['app/config.py']).toContain(
      '    CORS_ORIGINS: list[str] = []\n    SECRET_KEY: str\n',
    );
    expect(lineDiff(tokens, run.after['app/tokens.py'])).toEqual({
      removed: [
        'SECRET_KEY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"',
      ],
      added: [
        'from app.config import settings',
        '',
        'SECRET_KEY = settings.SECRET_KEY',
      ],
    });
    // A section of its own for the service's import, after the libraries'.
    expect(run.after['app/tokens.py']).toContain(
      'import jwt\n\nfrom app.config import settings\n\nSECRET_KEY = settings.SECRET_KEY\n',
    );
    expect(run.report.applied[0].description).toBe(
      'The repository moves the secret at app/tokens.py:5 to Settings.SECRET_KEY (environment variable SECRET_KEY, no default), adding the missing fields to app/config.py.',
    );
  });

  it("replaces SessionMiddleware's secret_key literal with the existing settings field, through the module's own import", async () => {
    const config = settingsModule([
      'ENVIRONMENT: str = "development"',
      'SECRET_KEY: str',
      'CORS_ORIGINS: list[str] = []',
    ]);
    const sessions = `from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from .config import get_settings


def add_sessions(app: FastAPI) -> None:
    settings = get_settings()
    app.add_middleware(
        SessionMiddleware,
        secret_key="2f9c1b7e4d8a6f3c0e5b9d2a7c4f1e8b",
        https_only=settings.ENVIRONMENT != "development",
    )
`;
    const run = await runFixes(
      serviceWith({ 'app/config.py': config, 'app/sessions.py': sessions }),
      ['env-secrets'],
    );
    expectProven(run);
    // The field exists without a default: it is reused, the settings module untouched.
    expect(changedPaths(run)).toEqual(['app/sessions.py']);
    expect(lineDiff(sessions, run.after['app/sessions.py'])).toEqual({
      removed: ['        secret_key="2f9c1b7e4d8a6f3c0e5b9d2a7c4f1e8b",'],
      added: ['        secret_key=get_settings().SECRET_KEY,'],
    });
  });

  it('reuses a required SecretStr field read through an alias, unwrapping it and naming the alias as the variable', async () => {
    const config = settingsModule([
      'ENVIRONMENT: str = "development"',
      'SECRET_KEY: SecretStr = Field(validation_alias="JWT_SIGNING_KEY")',
    ]);
    const tokens = `from app.config import get_settings

SECRET_KEY = "Ix8NuZ2d5pH1jqQ0sWc7vYtR4kLmE9aB"
`;
    const run = await runFixes(
      serviceWith({ 'app/config.py': config, 'app/tokens.py': tokens }),
      ['env-secrets'],
    );
    expectProven(run);
    expect(changedPaths(run)).toEqual(['app/tokens.py']);
    expect(lineDiff(tokens, run.after['app/tokens.py'])).toEqual({
      removed: ['SECRET_KEY = "Ix8NuZ2d5pH1jqQ0sWc7vYtR4kLmE9aB"'],
      // A SecretStr field: its value is the string the constant held.
      added: ['SECRET_KEY = get_settings().SECRET_KEY.get_secret_value()'],
    });
    expect(run.report.applied[0].notes[0]).toContain(
      'then set JWT_SIGNING_KEY wherever the service runs',
    );
  });

  it("names a new field in the settings class's own case and imports it relatively where the module does", async () => {
    const config = `from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    redis_host: str = "localhost"
    environment: str = "development"


settings = Settings()
`;
    const cache = `from redis import Redis

from ..config import settings


def client() -> Redis:
    return Redis(
        host=settings.redis_host, password="hunter2-Prod-Redis-0123456789abcdef"
    )
`;
    const run = await runFixes(
      serviceWith({
        'app/config.py': null,
        'app/settings/__init__.py': '',
        'app/settings/config.py': config,
        'app/settings/cache/__init__.py': '',
        'app/settings/cache/client.py': cache,
        // main.py's get_settings, from the class this service has.
        'app/main.py': serviceWith()
          ['app/main.py'].replace(
            'from app.config import get_settings',
            'from app.settings.config import settings',
          )
          .replace('settings = get_settings()\n', ''),
      }),
      ['env-secrets'],
    );
    expectProven(run);
    expect(lineDiff(config, run.after['app/settings/config.py'])).toEqual({
      removed: [],
      added: ['    password: str'],
    });
    expect(lineDiff(cache, run.after['app/settings/cache/client.py'])).toEqual({
      // Short enough again: joined onto one line, as ruff format would join it.
      removed: [
        '    return Redis(',
        '        host=settings.redis_host, password="hunter2-Prod-Redis-0123456789abcdef"',
        '    )',
      ],
      added: [
        '    return Redis(host=settings.redis_host, password=settings.password)',
      ],
    });
    expect(run.report.applied[0].notes[0]).toContain('set PASSWORD wherever');
  });
});

describe('env-secrets fix: a secret in the settings module itself', () => {
  it('reads a constant after the settings instance from it, without an import', async () => {
    const config = settingsModule(
      ['ENVIRONMENT: str = "development"', 'CORS_ORIGINS: list[str] = []'],
      '\n\nsettings = Settings()\nGITHUB_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"\n',
    );
    const run = await runFixes(serviceWith({ 'app/config.py': config }), [
      'env-secrets',
    ]);
    expectProven(run);
    expect(lineDiff(config, run.after['app/config.py'])).toEqual({
      removed: ['GITHUB_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"'],
      added: ['    GITHUB_TOKEN: str', 'GITHUB_TOKEN = settings.GITHUB_TOKEN'],
    });
  });

  it('refuses a constant the module sets before it creates its settings', async () => {
    const config = settingsModule(['ENVIRONMENT: str = "development"']).replace(
      'from functools import lru_cache\n',
      'from functools import lru_cache\n\nGITHUB_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"\n',
    );
    const run = await runFixes(serviceWith({ 'app/config.py': config }), [
      'env-secrets',
    ]);
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals.map(r => r.reason)).toEqual([
      'app/config.py:3 runs before app/config.py defines get_settings',
    ]);
  });

  it('refuses an import that would be circular', async () => {
    const config = settingsModule([
      'ENVIRONMENT: str = "development"',
      'ALGORITHM: str = DEFAULT_ALGORITHM',
    ]).replace(
      'from pydantic_settings import BaseSettings, SettingsConfigDict\n',
      'from pydantic_settings import BaseSettings, SettingsConfigDict\n\nfrom app.tokens import DEFAULT_ALGORITHM\n',
    );
    const run = await runFixes(
      serviceWith({
        'app/config.py': config,
        'app/tokens.py':
          'DEFAULT_ALGORITHM = "HS256"\nSECRET_KEY = "Ix8NuZ2d5pH1jqQ0sWc7vYtR4kLmE9aB"\n',
      }),
      ['env-secrets'],
    );
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals.map(r => r.reason)).toEqual([
      'app/config.py imports app/tokens.py; reading the settings there would make a circular import',
    ]);
  });
});

describe('env-secrets fix: secret literals it leaves to the owners', () => {
  const strictConfig = settingsModule([
    'ENVIRONMENT: str = "development"',
    'SECRET_KEY: str',
  ]);

  async function refusalOf(files: Record<string, string | null>) {
    const run = await runFixes(
      serviceWith({ 'app/config.py': strictConfig, ...files }),
      ['env-secrets'],
    );
    expect(run.statusBefore('env-secrets')).toBe('fail');
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toHaveLength(1);
    return run.report.refusals[0].reason;
  }

  it('refuses without a settings class to hold the secret', async () => {
    expect(
      await refusalOf({
        'app/config.py': `import os\n\nENVIRONMENT = os.environ.get("ENVIRONMENT", "development")\n`,
        'app/tokens.py': 'API_TOKEN = "ghp_realTokenValue1234567890"\n',
      }),
    ).toBe(
      'the service has no pydantic-settings class (BaseSettings) to read the secret from; adding a settings layer is left to the owners',
    );
  });

  it('refuses a secret wrapped around an f-string', async () => {
    expect(
      await refusalOf({
        'app/tokens.py':
          'from pydantic import SecretStr\n\nAPI_TOKEN = SecretStr(f"ghp_realTokenValue1234567890")\n',
      }),
    ).toBe(
      'API_TOKEN (app/tokens.py:3) is written in a shape the fix does not move (an f-string, bytes or a string in pieces)',
    );
  });

  it('refuses an f-string secret', async () => {
    expect(
      await refusalOf({
        'app/tokens.py': 'API_TOKEN = f"ghp_realTokenValue1234567890"\n',
      }),
    ).toBe(
      'API_TOKEN (app/tokens.py:1) is written in a shape the fix does not move (an f-string, bytes or a string in pieces)',
    );
  });

  it('refuses a committed fallback of an environment read', async () => {
    expect(
      await refusalOf({
        'app/tokens.py':
          'import os\n\nAPI_TOKEN = os.getenv("API_TOKEN", "ghp_realTokenValue1234567890")\n',
      }),
    ).toBe(
      'API_TOKEN (app/tokens.py:3) reads a committed fallback (`os.getenv("API_TOKEN", "ghp_realTokenValue1234567890")`); dropping the fallback is left to the owners',
    );
  });

  it('refuses when the same secret is also written where the check does not look', async () => {
    expect(
      await refusalOf({
        'app/tokens.py': `import jwt

JWT_SECRET = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"


def decode(token: str) -> dict:
    return jwt.decode(
        token, "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"
    )
`,
      }),
    ).toBe(
      'the secret of Settings.JWT_SECRET is also written at app/tokens.py:8, in a place the check does not name; the owners decide what that copy is',
    );
  });

  it('refuses a copy of the secret at the same place of another module', async () => {
    // Both modules are one assignment: the two literals are the same node of their trees.
    expect(
      await refusalOf({
        'app/tokens.py':
          'JWT_SECRET = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"\n',
        'app/legacy.py':
          'LEGACY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"\n',
      }),
    ).toBe(
      'the secret of Settings.JWT_SECRET is also written at app/legacy.py:1, in a place the check does not name; the owners decide what that copy is',
    );
  });

  it('refuses one setting name standing for two different secrets', async () => {
    expect(
      await refusalOf({
        'app/clients.py': `from redis import Redis

primary = Redis(password="hunter2-Prod-Redis")
replica = Redis(password="another-Prod-Secret")
`,
      }),
    ).toBe(
      'Settings.PASSWORD would stand for two different secrets (app/clients.py:3 and app/clients.py:4)',
    );
  });

  it('refuses a field whose default the fix would have to second-guess', async () => {
    expect(
      await refusalOf({
        'app/config.py': settingsModule([
          'ENVIRONMENT: str = "development"',
          'SECRET_KEY: str = ""',
        ]),
        'app/tokens.py': 'SECRET_KEY = "ghp_realTokenValue1234567890"\n',
      }),
    ).toBe(
      'Settings.SECRET_KEY already exists with a default (app/config.py:11); the owners choose whether app/tokens.py:1 should read it',
    );
  });

  it('refuses a replacement that makes a line too long for ruff format', async () => {
    const sessions = `from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from app.config import get_settings


def add_sessions(app: FastAPI) -> None:
    app.add_middleware(SessionMiddleware, max_age=3600, secret_key="s3ss10n-K3y-9f2c")
`;
    // ruff leaves the line as it is now (86 characters): 93 with the settings read.
    expect(ruffFormat('app/sessions.py', sessions)).toBe(sessions);
    expect(await refusalOf({ 'app/sessions.py': sessions })).toBe(
      'the secret at app/sessions.py:8 would leave a line longer than 88 characters, which ruff format would wrap again',
    );
  });

  it('refuses a settings class built inside a function', async () => {
    expect(
      await refusalOf({
        'app/config.py': `from pydantic_settings import BaseSettings


def make_settings(prefix: str):
    class Settings(BaseSettings):
        SECRET_KEY: str = "Ix8NuZ2d5pH1jqQ0sWc7vYtR4kLmE9aB"

    return Settings()
`,
      }),
    ).toBe(
      'the settings class Settings (app/config.py:5) is built inside other code; the fix only changes a class defined at module level',
    );
  });

  it('refuses a secret in a plain class, and when two settings classes could hold it', async () => {
    expect(
      await refusalOf({
        'app/tokens.py': `class JWTConfig:\n    SECRET_KEY = "Ix8NuZ2d5pH1jqQ0sWc7vYtR4kLmE9aB"\n`,
      }),
    ).toBe(
      'SECRET_KEY (app/tokens.py:2) is set in the class JWTConfig, which is not a settings class the fix can change',
    );
    expect(
      await refusalOf({
        'app/billing.py': `from pydantic_settings import BaseSettings\n\n\nclass BillingSettings(BaseSettings):\n    currency: str = "EUR"\n`,
        'app/tokens.py': 'API_TOKEN = "ghp_realTokenValue1234567890"\n',
      }),
    ).toBe(
      'the service has 2 settings classes (Settings in app/config.py, BillingSettings in app/billing.py); the fix does not know which one should hold the secret',
    );
  });
});
