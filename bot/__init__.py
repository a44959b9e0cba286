"""Wiring: settings, the Application, the CLI, the message catalogue and console mode."""
