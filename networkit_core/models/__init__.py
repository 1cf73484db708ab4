"""The data model. Importing this package registers every table on `Base.metadata`."""

from networkit_core.models.audit import AuditEntry
from networkit_core.models.base import Base
from networkit_core.models.calendar_feeds import CalendarFeed
from networkit_core.models.checklists import ChecklistItem, ChecklistKind, ChecklistTick
from networkit_core.models.coaching import CoachingComment, CohortGoal, CommentKind, GoalMetric
from networkit_core.models.contacts import Connection, Contact, ContactSource
from networkit_core.models.destinations import Destination, DestinationSource, DestinationStatus
from networkit_core.models.erasure import ErasedPerson
from networkit_core.models.instance import DEMO_MODE, InstanceSetting
from networkit_core.models.interchange import ImportMapping
from networkit_core.models.interviews import (
    FollowUp,
    FollowUpKind,
    FollowUpPermission,
    Interview,
    InterviewStatus,
    LocationType,
    ThankYouMethod,
)
from networkit_core.models.people import Cohort, CohortAdvisor, Graduate, Role, User
from networkit_core.models.questions import (
    InterviewQuestion,
    Question,
    QuestionBank,
    QuestionBankShare,
    QuestionSuggestion,
    SuggestionStatus,
    Visibility,
)
from networkit_core.models.reminders import EmailKind, EmailStatus, OutboundEmail, ReminderOptOut
from networkit_core.models.saved_views import SavedView
from networkit_core.models.sessions import (
    SessionHandoff,
    SignInLink,
    SignInThrottle,
    ThrottleScope,
    UserSession,
)

__all__ = [
    "DEMO_MODE",
    "AuditEntry",
    "Base",
    "CalendarFeed",
    "ChecklistItem",
    "ChecklistKind",
    "ChecklistTick",
    "CoachingComment",
    "Cohort",
    "CohortAdvisor",
    "CohortGoal",
    "CommentKind",
    "Connection",
    "Contact",
    "ContactSource",
    "Destination",
    "DestinationSource",
    "DestinationStatus",
    "EmailKind",
    "EmailStatus",
    "ErasedPerson",
    "FollowUp",
    "FollowUpKind",
    "FollowUpPermission",
    "GoalMetric",
    "Graduate",
    "ImportMapping",
    "InstanceSetting",
    "Interview",
    "InterviewQuestion",
    "InterviewStatus",
    "LocationType",
    "OutboundEmail",
    "Question",
    "QuestionBank",
    "QuestionBankShare",
    "QuestionSuggestion",
    "ReminderOptOut",
    "Role",
    "SavedView",
    "SessionHandoff",
    "SignInLink",
    "SignInThrottle",
    "SuggestionStatus",
    "ThankYouMethod",
    "ThrottleScope",
    "User",
    "UserSession",
    "Visibility",
]
