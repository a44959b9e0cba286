"""The staff roster: who is staff, their role, department, duty and language.

Service functions (storage.staff.service) take a unit of work: identify, add_member,
remove_member, list_members, set_duty, enrol_from_settings, is_profile_new, note_profile,
names_of, is_language_new, note_language, list_dispatchers_on_duty. Other domains may use
the models (StaffMember).
"""

from storage.staff import service
from storage.staff.models import StaffMember
from storage.staff.roster import ROSTER_ROLES

__all__ = ["ROSTER_ROLES", "StaffMember", "service"]
