"""Work that runs after the response is sent (FastAPI background tasks)."""

import logging

logger = logging.getLogger(__name__)


def notify_created(kind: str, record_id: int) -> None:
    """Announce a new record.

    A stand-in for slow follow-up work (an email, a webhook, an audit trail) that
    the client should not wait for. Only ids are logged, never user-supplied text.
    """
    logger.info("%s %d created", kind, record_id)
