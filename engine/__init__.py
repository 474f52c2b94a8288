"""ekd's core: the guideline engine, framework-free."""
