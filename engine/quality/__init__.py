"""The quality center's rules over a guideline: findings, soundness, coverage, the diff, bundles.

Pure: no store, no web. engine/services/quality wraps these in use cases.
"""
