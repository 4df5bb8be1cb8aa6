"""Python rules, one a module, grouped by family (EN, WS, AR, SP, CN). Found by the registry."""
