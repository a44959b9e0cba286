"""Alembic migrations of the work-order store (`citybot db upgrade`)."""
