"""one-time login links to the staff dashboard (stored hashed)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 21:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('web_login_tokens',
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('token_sha256', name=op.f('pk_web_login_tokens'))
    )
    with op.batch_alter_table('web_login_tokens', schema=None) as batch_op:
        batch_op.create_index('ix_web_login_tokens_expires', ['expires_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('web_login_tokens', schema=None) as batch_op:
        batch_op.drop_index('ix_web_login_tokens_expires')

    op.drop_table('web_login_tokens')
