"""Print the app's OpenAPI document: `python -m app.openapi > openapi.json`.

openapi.json is committed so API consumers and reviewers see the contract (and its
changes) without running the service; tests/test_openapi.py keeps it in step.
"""

import json

from app.main import app

if __name__ == "__main__":
    print(json.dumps(app.openapi(), indent=2, ensure_ascii=False))
