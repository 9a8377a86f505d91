"""briefs-assistant: cited answers about MERICS China Industries briefs."""
from .settings import force_offline

force_offline()  # before any library that might phone home is imported

from .assistant import Assistant  # noqa: E402
from .errors import BriefParseError, BriefsError, QuestionError  # noqa: E402
from .models import Answer, Brief, Citation, Hit, Item  # noqa: E402
from .session import Session  # noqa: E402
from .settings import PRESETS, Settings  # noqa: E402

__all__ = ["Assistant", "Answer", "Brief", "BriefParseError", "BriefsError", "Citation", "Hit", "Item",
           "PRESETS", "QuestionError", "Session", "Settings"]
