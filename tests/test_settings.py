from pathlib import Path

import pytest

from settings import Settings


def test_defaults_serve_on_port_8080_with_sqlite_in_the_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ('STUDYHALL_PORT', 'STUDYHALL_DATA_DIR', 'STUDYHALL_DATABASE_URL'):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert (settings.host, settings.port, settings.max_upload_bytes) == ('0.0.0.0', 8080, 50 * 1024 * 1024)
    assert settings.resolved_database_url.startswith('sqlite+aiosqlite:///')
    assert settings.resolved_database_url.endswith('/data/studyhall.db')


def test_command_line_flags_set_host_port_and_data_dir(tmp_path: Path) -> None:
    settings = Settings(_cli_parse_args=['--host', '0.0.0.0', '--port', '8123', '--data-dir', str(tmp_path)])
    assert (settings.host, settings.port, settings.data_dir) == ('0.0.0.0', 8123, tmp_path)
    assert settings.resolved_database_url == f'sqlite+aiosqlite:///{tmp_path}/studyhall.db'


def test_environment_variables_set_the_same(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv('STUDYHALL_PORT', '8124')
    monkeypatch.setenv('STUDYHALL_DATA_DIR', str(tmp_path))
    monkeypatch.setenv('STUDYHALL_MAX_UPLOAD_MB', '2.5')
    settings = Settings()
    assert (settings.port, settings.data_dir, settings.max_upload_bytes) == (8124, tmp_path, int(2.5 * 1024 * 1024))


def test_a_bad_port_is_refused() -> None:
    with pytest.raises(ValueError, match='port'):
        Settings(port=70000)


def test_the_storage_secret_is_made_once_and_kept(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    settings.prepare_folders()
    first = settings.resolved_storage_secret()
    assert len(first) >= 32
    assert Settings(data_dir=tmp_path).resolved_storage_secret() == first
    assert Settings(data_dir=tmp_path, storage_secret='given').resolved_storage_secret() == 'given'
