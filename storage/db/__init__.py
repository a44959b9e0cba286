"""The store's plumbing, shared by every domain and knowing none: the engine, the unit of
work, the one declarative Base, column types, the clock and the migrations."""

from storage.db.base import Base
from storage.db.clock import Clock, as_utc, utc_now
from storage.db.engine import create_engine, is_database_error
from storage.db.uow import StoreSettings, UnitOfWork

__all__ = [
    "Base",
    "Clock",
    "StoreSettings",
    "UnitOfWork",
    "as_utc",
    "create_engine",
    "is_database_error",
    "utc_now",
]
