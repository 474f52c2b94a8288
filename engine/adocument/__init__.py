"""The A-document: assembled from what the team recorded, checked, signed, agreed, frozen."""

# What a guideline task may ask ekd to do besides the workflow (spiff property `ekdAction`).
SIGN, AGREE, SUBMIT = "a-document:ondertekenen", "a-document:akkoord", "a-document:indienen"
ACTIONS = frozenset({SIGN, AGREE, SUBMIT})
FORM = "a_document.json"     # the A-document's own form, for what the coordinator fills in

# The form fields each action reads (name → JSON Schema type); `ekd validate` asks a task's form for them.
ACTION_FIELDS = {
    SIGN: {"akkoord_met_verslag": "boolean"},
    AGREE: {"akkoord_datum": "string", "akkoorden": "array"},
    SUBMIT: {"indienen_bevestigd": "boolean"},
}
# The field that must be Ja for the action to happen at all: "Nee" on the submission is refused
# (the task stays open). "Nee" on signing is an answer the guideline routes (back to the report).
CONFIRMS = {SUBMIT: "indienen_bevestigd"}
