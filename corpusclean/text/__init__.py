"""Text helpers shared by rules: lines with offsets, word tokens, dictionaries."""
