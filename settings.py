"""All configuration in one object: defaults, then `STUDYHALL_*` environment variables, then CLI flags."""
import contextlib
import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix='STUDYHALL_', cli_kebab_case=True, cli_prog_name='studyhall',
                                      cli_implicit_flags=True)

    host: str = Field('0.0.0.0', description='interface to listen on (0.0.0.0 = reachable from the LAN)')
    port: int = Field(8080, ge=1, le=65535, description='TCP port')
    data_dir: Path = Field(PROJECT_DIR / 'data', description='folder for the database and the storage secret')
    uploads_dir: Path = Field(PROJECT_DIR / 'uploads', description='folder for shared files')
    database_url: str | None = Field(None, description='SQLAlchemy URL; empty: SQLite in the data folder '
                                     '(PostgreSQL: postgresql+asyncpg://user@host/db, needs the "postgres" extra)')
    database_pool_size: int = Field(10, ge=1, description='PostgreSQL connections one process keeps open '
                                    '(as many again may be opened under load)')
    redis_url: str | None = Field(None, description='Redis URL (redis://host:6379/0) to run several processes side '
                                  'by side; empty: live updates stay in this process (needs the "redis" extra)')
    redis_prefix: str = Field('studyhall', min_length=1, description='prefix of the Redis channel and keys; '
                              'processes of one deployment share it')
    presence_heartbeat_seconds: float = Field(15, gt=0, description='with Redis: how often each process tells the '
                                              'others who has its pages open; the people of a process not heard of '
                                              'for 3 heartbeats (killed) are no longer listed')
    storage_secret: str | None = Field(None, description='cookie secret; empty: made once, kept in the data folder')
    owner_key: str | None = Field(None, description='the key of the owner link (/owner?key=...); empty: made once, '
                                  'kept in the data folder (several processes: give each the same key)')
    session_creation: Literal['anyone', 'owner'] = Field('anyone', description='who may start sessions: anyone '
                                                         '(study groups) or only the owner (a school LAN)')
    list_open_sessions: bool = Field(False, description='the home page lists every open session to everybody (off: '
                                     'only those this browser created or joined)')
    delete_closed_after_days: int | None = Field(None, ge=1, description='delete sessions closed for more than this '
                                                 'many days, at start-up and once a day; empty: never')
    max_upload_mb: float = Field(50, gt=0, description='largest file one upload may carry, in MB')
    max_message_chars: int = Field(4000, ge=1, description='longest message body, in characters')
    render_budget_ms: int = Field(250, ge=10, description='longest a message may take to format (Markdown, code, '
                                  'LaTeX; in a worker process); longer: it is shown as plain text with a note')
    history_page_size: int = Field(50, ge=1, le=500, description='messages shown on opening, and per "load earlier"')
    language: str = Field('en', description='language of pages whose browser asks for none of ours, of the terminal '
                          'and of what is stored for everyone: en, de, fr, es, pt_BR, it, uk, zh_Hans, ar')
    demo: bool = Field(False, description='start with a demo session (messages with code and math, sample files)')
    client_message_cap: int = Field(300, ge=50, description='most messages one open page keeps in memory')
    message_rate_limit: int = Field(10, ge=1, description='most messages one participant may send per window')
    message_rate_window: int = Field(10, ge=1, description='the flood-control window, in seconds')
    # a school's pupils often share one address: generous for mistypes, hopeless for guessing 729 million codes
    wrong_code_limit: int = Field(60, ge=1, description='wrong join codes one address may try per minute')
    session_create_limit: int = Field(100, ge=1, description='new sessions one address may create per hour (a teacher '
                                      'preparing a week of lessons needs a few dozen)')
    min_free_disk_mb: float = Field(1024, ge=0, description='the server takes no new files while the disk of the '
                                    'uploads folder has less free space than this, in MB (507)')
    session_quota_mb: float = Field(500, gt=0, description='most storage the files of one session may use, in MB')
    max_image_megapixels: float = Field(40, gt=0, description='larger pictures are kept but never decoded (no preview)')
    orphan_grace_seconds: int = Field(3600, ge=0, description='at start-up, stored files that no material refers to '
                                                              'and that are older than this are removed')
    reconnect_grace_seconds: float = Field(60, ge=3, description='how long the server keeps the page of a browser '
                                           'whose connection dropped, so that it comes back without reloading (what '
                                           'was typed or sent is kept in the browser either way)')
    websocket_compression: bool = Field(False, description='compress live updates (permessage-deflate): fewer bytes on '
                                                           'slow links, but about 0.3 MB more server memory per open '
                                                           'page and more CPU per message')

    @field_validator('language')
    @classmethod
    def _known_language(cls, value: str) -> str:
        from i18n.languages import LANGUAGES, known
        code = known(value)
        if code is None:
            raise ValueError(f'no catalog for {value!r}: one of {", ".join(LANGUAGES)}')
        return code

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def min_free_disk_bytes(self) -> int:
        return int(self.min_free_disk_mb * 1024 * 1024)

    @property
    def session_quota_bytes(self) -> int:
        return int(self.session_quota_mb * 1024 * 1024)

    @property
    def max_image_pixels(self) -> int:
        return int(self.max_image_megapixels * 1_000_000)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f'sqlite+aiosqlite:///{self.data_dir.resolve() / "studyhall.db"}'

    def prepare_folders(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.uploads_dir.mkdir(parents=True, exist_ok=True)

    def resolved_storage_secret(self) -> str:
        """The given secret, or one generated on first start and kept in the data folder."""
        return self.storage_secret or self._kept_secret('storage_secret')

    def resolved_owner_key(self) -> str:
        """The given owner key, or one generated on first start and kept in the data folder."""
        return self.owner_key or self._kept_secret('owner_key')

    def _kept_secret(self, name: str) -> str:
        """Made whole under a temp name, then linked into place: processes sharing the folder all read one secret."""
        path = self.data_dir / name
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f'{name}.{secrets.token_hex(4)}.part')
            partial.write_text(secrets.token_urlsafe(32))
            partial.chmod(0o600)
            with contextlib.suppress(FileExistsError):  # another process was first: its secret stands
                os.link(partial, path)
            partial.unlink()
        return path.read_text().strip()
