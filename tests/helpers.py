"""Assertions shared by the tests."""

from __future__ import annotations


def assert_clean_error(result, *fragments: str) -> None:
    """Exit 2, one ``error:`` line naming the fragments, no traceback."""
    assert result.code == 2, (result.code, result.out, result.err)
    assert "Traceback" not in result.err, result.err
    assert result.err.startswith("error:") or "Error:" in result.err, result.err
    for f in fragments:
        assert f in result.err, (f, result.err)
