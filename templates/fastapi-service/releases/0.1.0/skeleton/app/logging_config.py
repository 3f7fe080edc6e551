"""Logging configured once with `logging.config.dictConfig`: one console handler."""

import logging.config
from typing import Any


def build_logging_config(level: str) -> dict[str, Any]:
    """A dictConfig schema logging to stdout, where container platforms collect it."""
    return {
        "version": 1,
        # Keep loggers created before this runs (uvicorn's, the libraries').
        "disable_existing_loggers": False,
        "formatters": {
            "default": {
                "format": "%(asctime)s %(levelname)s [%(name)s] %(message)s",
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "stream": "ext://sys.stdout",
            },
        },
        "root": {"level": level, "handlers": ["console"]},
    }


def configure_logging(level: str) -> None:
    logging.config.dictConfig(build_logging_config(level))
