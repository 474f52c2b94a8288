"""Names SpiffWorkflow reserves for its own tasks, and how ekd sidesteps them."""

RESERVED = frozenset({"Start", "End", "Root"})
SUFFIX = "__ekd"


def original_id(internal: str) -> str:
    """Map an id renamed to dodge Spiff's own task names back to the guideline's id."""
    if internal.endswith(SUFFIX) and internal[: -len(SUFFIX)] in RESERVED:
        return internal[: -len(SUFFIX)]
    return internal
