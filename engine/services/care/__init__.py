"""The diagnosticians' use cases (DESIGN.md §8): trajectories, tasks, the dossier, the team, the A-document."""
