"""Outputs: one module each (terminal lines, unified diff, findings JSON, statistics)."""
