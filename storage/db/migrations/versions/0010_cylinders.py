"""the LPG cylinder registry (液化石油气钢瓶), imported from the supervision platform's export

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 21:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('cylinders',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('filling_station', sa.String(length=200), nullable=False),
    sa.Column('supplier', sa.String(length=200), nullable=False),
    sa.Column('licence_number', sa.String(length=64), nullable=True),
    sa.Column('last_inspection', sa.Date(), nullable=True),
    sa.Column('next_inspection_due', sa.Date(), nullable=False),
    sa.Column('scrap_date', sa.Date(), nullable=True),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_cylinders'))
    )


def downgrade() -> None:
    op.drop_table('cylinders')
