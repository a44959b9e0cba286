"""staff members have a language: deadline alerts to them are written in it

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('staff') as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff') as batch:
        batch.drop_column('language')
