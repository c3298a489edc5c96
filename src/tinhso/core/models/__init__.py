from tinhso.core.models.audit import AuditEntry
from tinhso.core.models.calendar import CalendarOverride, OverrideKind, WorkSchedule

__all__ = ["AuditEntry", "CalendarOverride", "OverrideKind", "WorkSchedule"]
