"""chirogate's gate: backends, generation cache, scorers, A/B statistics, policy, review, CLI."""

__version__ = "0.1.0"
