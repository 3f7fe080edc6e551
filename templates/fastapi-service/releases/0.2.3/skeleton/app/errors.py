"""Domain errors, and the handlers that give every error response one JSON shape:
`{"code": "not_found", "detail": "...", "errors": [...]}` (`errors` on 422 only).
"""

import logging
from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.request_id import REQUEST_ID_HEADER, current_request_id
from app.security_headers import security_headers

logger = logging.getLogger(__name__)


class FieldError(BaseModel):
    """One invalid field of a request (its input is not echoed back)."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorBody(BaseModel):
    code: str
    detail: str
    errors: list[FieldError] | None = None


class DomainError(Exception):
    """A failure the service expects; subclasses choose the HTTP status."""

    status_code = status.HTTP_400_BAD_REQUEST
    code = "bad_request"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFoundError(DomainError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "not_found"

    def __init__(self, entity: str, entity_id: int) -> None:
        super().__init__(f"{entity} {entity_id} not found")


class ConflictError(DomainError):
    status_code = status.HTTP_409_CONFLICT
    code = "conflict"


def error_response(
    status_code: int,
    code: str,
    detail: str,
    *,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(code=code, detail=detail, errors=errors)
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status_code, headers=headers
    )


def status_code_name(status_code: int) -> str:
    """`404` -> `"not_found"`: a stable, machine-readable code."""
    try:
        return HTTPStatus(status_code).phrase.lower().replace(" ", "_")
    except ValueError:
        return "http_error"


def register_exception_handlers(app: FastAPI, *, hsts_max_age: int) -> None:
    @app.exception_handler(DomainError)
    async def handle_domain_error(_request: Request, exc: DomainError) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.detail)

    @app.exception_handler(StarletteHTTPException)
    async def handle_http_exception(
        _request: Request, exc: StarletteHTTPException
    ) -> JSONResponse:
        # Keeps the exception's headers, e.g. `WWW-Authenticate: Bearer` on a 401.
        return error_response(
            exc.status_code,
            status_code_name(exc.status_code),
            str(exc.detail),
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def handle_validation_error(
        _request: Request, exc: RequestValidationError
    ) -> JSONResponse:
        errors = [
            FieldError(loc=list(error["loc"]), msg=error["msg"], type=error["type"])
            for error in exc.errors()
        ]
        return error_response(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "validation_error",
            "The request is invalid",
            errors=errors,
        )

    @app.exception_handler(Exception)
    async def handle_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        logger.error(
            "Unhandled error on %s %s",
            request.method,
            request.url.path,
            exc_info=exc,
        )
        # Starlette answers this outside every middleware: add what they would have.
        headers = security_headers(request.url.scheme, hsts_max_age)
        if request_id := current_request_id():
            headers[REQUEST_ID_HEADER] = request_id
        return error_response(
            status.HTTP_500_INTERNAL_SERVER_ERROR,
            "internal_error",
            "Internal server error",
            headers=headers,
        )
