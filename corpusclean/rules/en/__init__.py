"""Rules of the EN family."""
