"""shift review: review_status, review_comment, reviewed_by, reviewed_at; shifts by store and date

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 17:30:00
"""

import sqlalchemy as sa
from alembic import op

import shared.db.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # adding nullable (or server-defaulted) columns and an index: SQLite's batch mode does these
    # in place (ALTER TABLE ADD COLUMN), without rebuilding the table
    with op.batch_alter_table("shift", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "review_status", sa.String(length=8), server_default="pending", nullable=False
            )
        )
        batch_op.add_column(sa.Column("review_comment", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by", sa.Uuid(as_uuid=False), nullable=True))
        batch_op.add_column(
            sa.Column("reviewed_at", shared.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index("ix_shift_store_date", ["store_id", "business_date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("shift", schema=None) as batch_op:
        batch_op.drop_index("ix_shift_store_date")
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("review_comment")
        batch_op.drop_column("review_status")
