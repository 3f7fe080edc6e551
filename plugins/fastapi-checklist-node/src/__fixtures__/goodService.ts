/**
 * A production-ready FastAPI service written for these tests, in the shape real projects
 * use: routers in their own modules, prefix-level auth, Annotated aliases, settings; and
 * beyond the guide: tracing, metrics, request ids, probes, security headers, a rate-limited
 * login, a hashed lock, Dependabot and CI.
 */
export const goodService: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "shop"\n',
  '.gitignore': '.venv/\n.env\n__pycache__/\n',
  'app/__init__.py': '',
  'app/config.py': `
from functools import lru_cache
from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")
    ENVIRONMENT: str = "development"
    SECRET_KEY: str = "changethis"
    CORS_ORIGINS: list[str] = []

    @model_validator(mode="after")
    def _refuse_example_secret(self) -> "Settings":
        if self.ENVIRONMENT != "development" and self.SECRET_KEY == "changethis":
            raise ValueError("SECRET_KEY must be set outside development")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
`,
  'app/security.py': `
from typing import Annotated
from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/login/access-token")
TokenDep = Annotated[str, Depends(oauth2_scheme)]


def get_current_user(token: TokenDep) -> dict[str, str]:
    if not token:
        raise HTTPException(status_code=401)
    return {"sub": token}


CurrentUser = Annotated[dict[str, str], Depends(get_current_user)]
`,
  'app/models.py': `
from pydantic import BaseModel


class ItemCreate(BaseModel):
    name: str


class ItemPublic(ItemCreate):
    id: int
`,
  'app/routers/__init__.py': '',
  'app/routers/items.py': `
from fastapi import APIRouter, Depends
from app.models import ItemCreate, ItemPublic
from app.security import CurrentUser, get_current_user

router = APIRouter(prefix="/items", tags=["items"])


@router.get("/", response_model=list[ItemPublic])
def list_items():
    return []


@router.post("/")
def create_item(item: ItemCreate, user: CurrentUser) -> ItemPublic:
    return ItemPublic(id=1, name=item.name)


@router.delete("/{item_id}", dependencies=[Depends(get_current_user)])
def delete_item(item_id: int) -> None:
    return None
`,
  'app/routers/admin.py': `
from fastapi import APIRouter
from app.models import ItemCreate, ItemPublic

router = APIRouter()


@router.put("/settings")
def update_settings(body: ItemCreate) -> ItemPublic:
    return ItemPublic(id=1, name=body.name)
`,
  'app/routers/login.py': `
from typing import Annotated
from fastapi import APIRouter
from fastapi.security import OAuth2PasswordRequestForm
from fastapi import Depends, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)
router = APIRouter(tags=["login"])


@router.post("/login/access-token")
@limiter.limit("5/minute")
def login(
    request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()]
) -> dict[str, str]:
    return {"access_token": form.username}
`,
  'app/main.py': `
import logging.config
from contextlib import asynccontextmanager
from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from app.config import get_settings
from app.routers import admin, items, login
from app.security import get_current_user

settings = get_settings()


@asynccontextmanager
async def lifespan(app: FastAPI):
    logging.config.dictConfig({"version": 1})
    yield


app = FastAPI(lifespan=lifespan)
app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_credentials=True)


class NotFound(Exception):
    pass


@app.exception_handler(NotFound)
async def not_found(request: Request, exc: NotFound) -> JSONResponse:
    return JSONResponse({"detail": "not found"}, status_code=404)


@app.get("/health", include_in_schema=False)
def health() -> dict[str, str]:
    return {"status": "ok"}


app.include_router(items.router, prefix="/api/v1")
app.include_router(admin.router, prefix="/api/v1/admin", dependencies=[Depends(get_current_user)])
app.include_router(login.router, prefix="/api/v1")

# Beyond the guide's list (after it, so the lines above keep their numbers).
from app.observability import observe  # noqa: E402
from app.routers import probes  # noqa: E402

observe(app)
app.include_router(probes.router)
`,
  'app/observability.py': `
import logging
import uuid
from contextvars import ContextVar

from fastapi import FastAPI, Request, Response
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from prometheus_client import make_asgi_app

request_id: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def observe(app: FastAPI) -> None:
    FastAPIInstrumentor.instrument_app(app)
    app.mount("/metrics", make_asgi_app())

    @app.middleware("http")
    async def request_id_and_headers(request: Request, call_next) -> Response:
        rid = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        request_id.set(rid)
        response = await call_next(request)
        response.headers["X-Request-ID"] = rid
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Strict-Transport-Security"] = "max-age=63072000"
        return response
`,
  'app/routers/probes.py': `
from fastapi import APIRouter

router = APIRouter(prefix="/health", include_in_schema=False)


@router.get("/live")
def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready")
def ready() -> dict[str, str]:
    return {"status": "ok"}
`,
  'uv.lock': `version = 1
requires-python = ">=3.12"

[[package]]
name = "fastapi"
version = "0.115.6"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.pythonhosted.org/packages/fastapi-0.115.6.tar.gz", hash = "sha256:9ec46f7addc14ea472958a96aae5b5de65f39721a46aaf5705c480d9a8b76654" }
`,
  '.github/dependabot.yml': `version: 2
updates:
  - package-ecosystem: uv
    directory: /
    schedule:
      interval: weekly
  - package-ecosystem: github-actions
    directory: /
    schedule:
      interval: weekly
`,
  '.github/workflows/ci.yml': `name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: astral-sh/setup-uv@v5
      - run: uv sync --locked
      - run: uv run pytest
`,
  'tests/__init__.py': '',
  'tests/conftest.py': `
import pytest
from fastapi.testclient import TestClient
from app.main import app


@pytest.fixture
def client():
    with TestClient(app) as c:
        yield c
`,
  'tests/test_items.py': `
def test_list(client) -> None:
    assert client.get("/api/v1/items/").status_code == 200
`,
  Dockerfile: `FROM python:3.13-slim AS build
RUN pip install --no-cache-dir fastapi
FROM python:3.13-slim
RUN useradd --create-home app
USER app
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"
CMD ["fastapi", "run", "app/main.py", "--workers", "4"]
`,
};
