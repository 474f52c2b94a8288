"""Store fixtures live in tests/conftest.py (the guideline's features use them too)."""
