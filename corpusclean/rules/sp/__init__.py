"""Rules of the SP family."""
