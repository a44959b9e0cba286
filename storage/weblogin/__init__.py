"""One-time login links to the staff dashboard: short-lived, single-use, stored hashed."""
