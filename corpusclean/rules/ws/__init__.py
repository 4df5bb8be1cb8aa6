"""Rules of the WS family."""
