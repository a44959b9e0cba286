"""The one declarative base every domain's tables join, with stable constraint names."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from storage.db.types import clean_on_assignment

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names, so migrations can refer to them."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Every free-text and JSON column of every domain (but the update ledger's verbatim payload) is
# cleaned on assignment and on its way to the database (storage/db/types.py), so no service
# can store what PostgreSQL refuses or what SQLite alone would keep.
clean_on_assignment(Base)
