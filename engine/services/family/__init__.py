"""The family's own view (DESIGN.md §8): invitations, their page, consent, their voice, their rights."""
