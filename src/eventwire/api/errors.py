"""One error body for every 4xx: `{"detail": "<what was wrong, naming the parameter>"}`.

FastAPI's own validation errors are a list of pydantic error objects; an analyst calling the API (or the
dashboard showing the error) wants one sentence, so they are rewritten into the same body as the rest.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from eventwire.store.query import FilterError


class Problem(BaseModel):
    detail: str = Field(description="what was wrong, naming the parameter or the missing resource",
                        examples=["limit: Input should be less than or equal to 500 (got '5000')"])


# Declared on every route so OpenAPI documents the body that really comes back.
PROBLEM_RESPONSES: dict[int | str, dict] = {
    404: {"model": Problem, "description": "No such event, document or export format"},
    422: {"model": Problem, "description": "A parameter is invalid; `detail` names it"},
}


def _sentence(error: dict) -> str:
    """`limit: Input should be ... (got '5000')` from one pydantic error."""
    where = ".".join(str(part) for part in error["loc"][1:] if not isinstance(part, int)) or "body"
    given = error.get("input")
    got = f" (got {given!r})" if isinstance(given, (str, int, float)) else ""
    return f"{where}: {error['msg']}{got}"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": "; ".join(_sentence(e) for e in error.errors())}, status_code=422)

    @app.exception_handler(FilterError)
    async def invalid_filter(_: Request, error: FilterError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=422)
