"""The A-document: assembled from what the team recorded, checked, signed, agreed, frozen."""

# What a guideline task may ask ekd to do besides the workflow (spiff property `ekdAction`).
SIGN, AGREE, SUBMIT = "a-document:ondertekenen", "a-document:akkoord", "a-document:indienen"
ACTIONS = frozenset({SIGN, AGREE, SUBMIT})
FORM = "a_document.json"     # the A-document's own form, for what the coordinator fills in
