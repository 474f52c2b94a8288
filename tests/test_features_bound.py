"""Every feature runs, and nothing is silently skipped in CI."""

from __future__ import annotations

from tests.conftest import ROOT


def test_every_feature_file_is_bound_to_step_definitions():
    steps = "".join(p.read_text() for p in (ROOT / "tests" / "steps").glob("test_*.py"))
    unbound = [f.name for f in (ROOT / "features").glob("*.feature") if f'scenarios("{f.name}")' not in steps]
    assert unbound == []


def test_a_skipped_test_fails_under_ci(pytester, monkeypatch):
    pytester.makepyfile("import pytest\n\ndef test_cannot_run():\n    pytest.skip('geen browser')\n")
    monkeypatch.setenv("CI", "true")
    pytester.runpytest_inprocess("-p", "tests.ci_plugin", "-p", "no:cacheprovider").assert_outcomes(failed=1)
    monkeypatch.setenv("CI", "false")
    pytester.runpytest_inprocess("-p", "tests.ci_plugin", "-p", "no:cacheprovider").assert_outcomes(skipped=1)
