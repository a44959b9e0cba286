"""botstate."""
