"""outbox messages carry a priority: urgent ones are claimed first

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 14:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(
            sa.Column('priority', sa.Integer(), server_default='0', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('priority')
