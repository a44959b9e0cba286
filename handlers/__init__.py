"""Telegram adapters, one module per feature."""
