"""LPG cylinders (液化石油气钢瓶): the registry the supervision platform exports, imported by
`citybot cylinders import`, and a resident's check of the QR code on a cylinder.

Service functions (storage.cylinders.service) take a unit of work: check_cylinder,
import_registry. read_registry checks an export file; read_codes reads a label's photo.
"""

from storage.cylinders.models import Cylinder
from storage.cylinders.registry import RegistryProblems, RegistryRow, read_registry
from storage.cylinders.scan import cylinder_code, read_codes
from storage.cylinders.service import CylinderCheck, ImportCounts, check_cylinder, import_registry

__all__ = [
    "Cylinder",
    "CylinderCheck",
    "ImportCounts",
    "RegistryProblems",
    "RegistryRow",
    "check_cylinder",
    "cylinder_code",
    "import_registry",
    "read_codes",
    "read_registry",
]
