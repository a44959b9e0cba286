"""home gas inspections (燃气入户安检): inspectors' badges, residents' requests, badge checks;
the staff roster takes the gas company's inspectors (role gas_inspector)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 21:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ROLES = "role IN ('field_worker', 'dispatcher', 'admin')"
NEW_ROLES = "role IN ('field_worker', 'dispatcher', 'admin', 'gas_inspector')"


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_staff_role_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_staff_role_known'), NEW_ROLES)
    op.create_table('gas_inspectors',
    sa.Column('badge', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('company', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('badge', name=op.f('pk_gas_inspectors')),
    sa.UniqueConstraint('user_id', name=op.f('uq_gas_inspectors_user_id'))
    )
    op.create_table('inspection_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('intake_key', sa.String(length=64), nullable=False),
    sa.Column('resident_id', sa.BigInteger(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('address', sa.String(length=500), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('inspector_badge', sa.String(length=32), nullable=True),
    sa.Column('slot_start', sa.DateTime(), nullable=True),
    sa.Column('hazard', sa.Boolean(), nullable=True),
    sa.Column('result_note', sa.Text(), nullable=True),
    sa.Column('ticket_number', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("period IN ('morning', 'afternoon', 'evening')", name=op.f('ck_inspection_requests_period_known')),
    sa.CheckConstraint("status IN ('requested', 'confirmed', 'done', 'cancelled')", name=op.f('ck_inspection_requests_status_known')),
    sa.ForeignKeyConstraint(['inspector_badge'], ['gas_inspectors.badge'], name=op.f('fk_inspection_requests_inspector_badge_gas_inspectors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_requests')),
    sa.UniqueConstraint('intake_key', name=op.f('uq_inspection_requests_intake_key'))
    )
    with op.batch_alter_table('inspection_requests', schema=None) as batch_op:
        batch_op.create_index('ix_inspection_requests_resident', ['resident_id', 'day'], unique=False)
        batch_op.create_index('ix_inspection_requests_status', ['status', 'day'], unique=False)
    op.create_table('inspection_badge_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.BigInteger(), nullable=False),
    sa.Column('badge', sa.String(length=64), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['inspection_requests.id'], name=op.f('fk_inspection_badge_checks_request_id_inspection_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_badge_checks'))
    )


def downgrade() -> None:
    op.drop_table('inspection_badge_checks')
    with op.batch_alter_table('inspection_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_inspection_requests_status')
        batch_op.drop_index('ix_inspection_requests_resident')
    op.drop_table('inspection_requests')
    op.drop_table('gas_inspectors')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_staff_role_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_staff_role_known'), OLD_ROLES)
