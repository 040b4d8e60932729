"""dashboard rollups: rollup tables (closed months and days) and the indexes the live part and the rollup need

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 09:40:00

The new tables start empty: the first dashboard read (or ``training-app dashboard refresh``) fills the closed periods.
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
    ("user", "ix_user_role_active_org", ["role", "is_active", "org_id"]),
    ("certificate", "ix_certificate_valid_trainee", ["revoked_at", "expires_at", "trainee_id"]),
)


def upgrade() -> None:
    op.create_table(
        "dashboardperiod",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=21), nullable=False),
        sa.Column("refreshed_at", training_app.db.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("period"),
    )
    op.create_table(
        "dashboardrollup",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=21), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("scores", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("quiz_attempts", sa.Integer(), nullable=False),
        sa.Column("quiz_passed", sa.Integer(), nullable=False),
        sa.Column("lesson_minutes", sa.Integer(), nullable=False),
        sa.Column("new_learners", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("period", "org_id"),
    )
    for table, name, columns in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
    op.drop_table("dashboardrollup")
    op.drop_table("dashboardperiod")
