"""House-style data for the terminology scorer: glossary of preferred terms, extra language word lists."""
