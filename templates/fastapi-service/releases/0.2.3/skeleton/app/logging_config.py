"""Logging configured once with `logging.config.dictConfig`: one console handler that
every logger (uvicorn's access log included) writes through, each record carrying the
request id. JSON lines for log collectors, or readable lines in development."""

import logging.config
from typing import Any, Literal

from pythonjsonlogger.core import RESERVED_ATTRS

LogFormat = Literal["json", "console"]

# uvicorn configures these with handlers of their own: send them through ours instead.
SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


def build_logging_config(level: str, log_format: LogFormat) -> dict[str, Any]:
    """A dictConfig schema logging to stdout, where container platforms collect it."""
    return {
        "version": 1,
        # Keep loggers created before this runs (uvicorn's, the libraries').
        "disable_existing_loggers": False,
        "filters": {
            # `record.correlation_id`: the request's X-Request-ID ("-" outside requests).
            "request_id": {
                "()": "asgi_correlation_id.CorrelationIdFilter",
                "default_value": "-",
            },
        },
        "formatters": {
            "console": {
                "format": "%(asctime)s %(levelname)s [%(name)s] [%(correlation_id)s] %(message)s",
            },
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(correlation_id)s %(message)s",
                # uvicorn's `color_message` repeats the message with terminal colours.
                "reserved_attrs": [*RESERVED_ATTRS, "color_message"],
                "rename_fields": {
                    "asctime": "time",
                    "levelname": "level",
                    "name": "logger",
                    "correlation_id": "request_id",
                },
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id"],
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            name: {"handlers": [], "propagate": True} for name in SERVER_LOGGERS
        },
        "root": {"level": level, "handlers": ["console"]},
    }


def configure_logging(level: str, log_format: LogFormat) -> None:
    logging.config.dictConfig(build_logging_config(level, log_format))
