"""CN: consistency."""
