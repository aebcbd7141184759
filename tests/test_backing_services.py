"""What a test needs and this machine lacks: a skip with the reason here, a failure in CI (CI=true)."""
from pathlib import Path

import pytest

from tests import backing_services


def test_a_missing_service_is_a_skip_with_its_reason_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv('CI', raising=False)
    with pytest.raises(pytest.skip.Exception, match='Redis is not reachable'):
        backing_services.needs('Redis is not reachable at redis://127.0.0.1:1/0')


@pytest.mark.parametrize('value', ['true', 'True', '1'])
def test_in_ci_a_missing_service_fails_the_test(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv('CI', value)
    with pytest.raises(pytest.fail.Exception, match=r'PostgreSQL is not reachable.*CI=true'):
        backing_services.needs('PostgreSQL is not reachable at postgresql://postgres@127.0.0.1:1/test')


def test_a_service_that_is_there_is_neither(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('CI', 'true')
    backing_services.needs(None)


def test_a_missing_package_skips_its_module_here_and_fails_its_collection_in_ci(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv('CI', raising=False)
    with pytest.raises(pytest.skip.Exception, match='no_such_package_xyz is not installed'):
        backing_services.needs_module('no_such_package_xyz', 'pip install it')
    monkeypatch.setenv('CI', 'true')
    with pytest.raises(ImportError, match='CI=true'):
        backing_services.needs_module('no_such_package_xyz', 'pip install it')
    backing_services.needs_module('pytest', 'never asked')


def test_ci_run_sets_ci() -> None:
    script = (Path(__file__).parents[1] / '.ci' / 'run').read_text()
    assert 'export CI=true' in script
