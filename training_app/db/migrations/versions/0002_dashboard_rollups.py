"""dashboard rollups: monthly rollup tables and the indexes the live current month needs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 09:40:00

The new tables start empty: the first dashboard read (or ``training-app dashboard refresh``) fills the closed months.
Building the indexes reads each table once (seconds at 1,000,000 clips) and blocks writes to it meanwhile.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import training_app.db.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = (
    ("clip", "ix_clip_created_owner", ["created_at", "owner_id"]),
    ("score", "ix_score_clip_overall", ["clip_id", "overall"]),
    ("lessonprogress", "ix_lessonprogress_completed_user", ["completed_at", "user_id"]),
    ("lessonprogress", "ix_lessonprogress_user_completed", ["user_id", "completed_at"]),
    ("quizattempt", "ix_quizattempt_submitted_user", ["submitted_at", "user_id"]),
)


def upgrade() -> None:
    op.create_table(
        "dashboardmonth",
        sa.Column("month", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("refreshed_at", training_app.db.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("month"),
    )
    op.create_table(
        "dashboardrollup",
        sa.Column("month", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("scores", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("quiz_attempts", sa.Integer(), nullable=False),
        sa.Column("quiz_passed", sa.Integer(), nullable=False),
        sa.Column("lesson_minutes", sa.Integer(), nullable=False),
        sa.Column("new_learners", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "org_id"),
    )
    for table, name, columns in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
    op.drop_table("dashboardrollup")
    op.drop_table("dashboardmonth")
