"""ekd's entry points: the Flask app and the `ekd` command line."""
