import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  lineDiff,
  pythonCompileError,
  runFixes,
  worsenedChecks,
} from './__testUtils__/fixHarness';

const ALL = CHECKS.map(check => check.id);

const MODELS = `from pydantic import BaseModel


class Item(BaseModel):
    id: int
    name: str
`;

const SERVICE = `from app.models import Item


async def find_item(item_id: int) -> Item | None:
    return Item(id=item_id, name="x") if item_id else None


def all_items() -> list[Item]:
    return []
`;

/** Routes in a router module of their own, without annotations; the service typed. */
const ROUTER = `from fastapi import APIRouter, HTTPException

from app import service
from app.models import Item

router = APIRouter(prefix="/items")


@router.get("/")
def list_items():
    return service.all_items()


@router.get("/{item_id}")
async def get_item(item_id: int):
    found = await service.find_item(item_id)
    if found is None:
        raise HTTPException(status_code=404)
    return Item(id=found.id, name=found.name)


@router.post("/")
def create_item(item: Item):  # created as sent
    return Item(id=1, name=item.name)
`;

const MAIN = `from fastapi import FastAPI

from app.routers import items

app = FastAPI()
app.include_router(items.router)
`;

const repository = (router: string) => ({
  'requirements.txt': 'fastapi==0.115.6\n',
  'app/__init__.py': '',
  'app/main.py': MAIN,
  'app/models.py': MODELS,
  'app/service.py': SERVICE,
  'app/routers/__init__.py': '',
  'app/routers/items.py': router,
});

describe('response-models fix', () => {
  it('annotates each route with the model it returns or its typed service call’s type', async () => {
    const run = await runFixes(repository(ROUTER), ['response-models']);
    expect(run.report.refusals).toEqual([]);
    expect(run.statusBefore('response-models')).toBe('fail');
    expect(run.statusAfter('response-models')).toBe('pass');
    expect(worsenedChecks(run, ALL)).toEqual([]);
    expect(run.report.files.map(f => f.path)).toEqual(['app/routers/items.py']);
    const after = run.after['app/routers/items.py'];
    expect(lineDiff(run.before['app/routers/items.py'], after)).toEqual({
      removed: [
        'def list_items():',
        'async def get_item(item_id: int):',
        'def create_item(item: Item):  # created as sent',
      ],
      added: [
        'def list_items() -> list[Item]:',
        'async def get_item(item_id: int) -> Item:',
        'def create_item(item: Item) -> Item:  # created as sent',
      ],
    });
    expect(pythonCompileError(after)).toBeUndefined();
  });

  it('refuses all when one route’s return cannot be inferred, naming it', async () => {
    const run = await runFixes(
      repository(
        `${ROUTER}

@router.get("/stats")
def stats():
    return {"count": 1}
`,
      ),
      ['response-models'],
    );
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'response-models',
        reason:
          'the return type cannot be inferred for app/routers/items.py:28 stats returns `return {"count": 1}`, not a model or a typed call',
      },
    ]);
  });

  it('refuses a returned class that is not a model, an untyped call and an unawaited coroutine', async () => {
    const cases = {
      'def plain():\n    return Plain()': 'returns Plain, not a pydantic model',
      'def untyped():\n    return helper()':
        'returns helper(...), which has no return type',
      'async def eager():\n    return service.find_item(1)':
        'returns service.find_item(...) without awaiting it',
    };
    for (const [route, reason] of Object.entries(cases)) {
      const run = await runFixes(
        repository(`from fastapi import APIRouter

from app import service


class Plain:
    pass


def helper():
    return 1


router = APIRouter()


@router.get("/x")
${route}
`),
        ['response-models'],
      );
      expect(run.report.refusals[0].reason).toMatch(
        new RegExp(` ${reason.replace(/[()[\]]/g, '\\$&')}$`),
      );
    }
  });
});
