"""${{ names.title }}: a FastAPI service."""
