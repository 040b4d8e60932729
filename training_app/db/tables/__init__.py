"""All SQLModel tables, one module per area. Importing this package registers every table on the metadata."""

from training_app.db.tables.accounts import (  # noqa: F401
    AuditLog,
    LoginAttempt,
    Organisation,
    OrgKind,
    Role,
    TrainerCohort,
    User,
    UserSession,
)
from training_app.db.tables.certification import Certificate, CertificationSignOff, Shortlist, ShortlistEntry  # noqa: F401
from training_app.db.tables.clips import Clip, ClipSource, ClipStatus, Job, JobKind, JobStatus, Score, Transcript  # noqa: F401
from training_app.db.tables.courses import (  # noqa: F401
    ContentRelease,
    CourseLesson,
    CourseModule,
    CourseQuiz,
    CourseTrack,
    LessonNarration,
    LessonProgress,
    QuestionKind,
    QuizAnswer,
    QuizAttempt,
    QuizQuestion,
)
from training_app.db.tables.privacy import Consent, DeletionLedger  # noqa: F401
from training_app.db.tables.review import FlagDecision, FlagDecisionKind, Review, ReviewStatus, TimedComment  # noqa: F401
from training_app.db.tables.rollups import DashboardPeriod, DashboardRollup  # noqa: F401
from training_app.db.tables.tasks import ClipComment, CommentScript, TaskAssignment  # noqa: F401
