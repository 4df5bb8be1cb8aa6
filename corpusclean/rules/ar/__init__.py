"""Rules of the AR family written in Python (the pattern rules are packs in `rules/artifacts/`)."""
