"""Session fixtures that build the real tiny models the tests run on (filled by the training work)."""
