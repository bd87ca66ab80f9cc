"""The HTTP API and dashboard over an event store: `create_app(db_path)` (served by `eventwire serve`)."""
from .app import create_app

__all__ = ["create_app"]
