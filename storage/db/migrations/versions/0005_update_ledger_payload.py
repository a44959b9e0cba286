"""update ledger keeps each update until it is handled

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('processed_updates') as batch:
        batch.add_column(sa.Column('payload', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('instance', sa.String(length=64), nullable=True))
    op.create_index('ix_processed_updates_pending', 'processed_updates', ['bot_id', 'done'])


def downgrade() -> None:
    op.drop_index('ix_processed_updates_pending', table_name='processed_updates')
    with op.batch_alter_table('processed_updates') as batch:
        batch.drop_column('instance')
        batch.drop_column('payload')
