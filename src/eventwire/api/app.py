"""`create_app(db_path)`: the FastAPI app over one event store, with the dashboard at `/`."""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI

from eventwire import __version__
from eventwire.store import Store

from .coding import LazyCoder, load_coder
from .errors import install_error_handlers
from .routes import router
from .web import mount_dashboard

if TYPE_CHECKING:
    from eventwire.pipeline import Coder

DESCRIPTION = """Merged PLOVER events coded from news text, each linked to the words that support it.

Filters are shared by `/events`, `/stats/timeline` and `/export/{format}`; an invalid parameter is a 4xx
whose `detail` names it. The dashboard is at `/`."""


def create_app(db_path: str | Path, read_only: bool = True, *,
               coder: Callable[[], Coder] = load_coder) -> FastAPI:
    """The app over the store at `db_path`, opened read-only unless told otherwise: the API never writes,
    and DuckDB lets several read-only processes (servers, exports) share the file. `coder` loads the Coder
    that `POST /code` uses, on its first call. FileNotFoundError or StoreError if `db_path` is not a store."""
    store = Store.open(db_path, read_only=read_only)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    # No /docs or /redoc: FastAPI's pages load their scripts from a CDN, and this app works offline.
    app = FastAPI(title="eventwire", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.coder = LazyCoder(coder)
    install_error_handlers(app)
    app.include_router(router)
    mount_dashboard(app)
    return app
