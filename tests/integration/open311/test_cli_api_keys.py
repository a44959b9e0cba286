"""`citybot api-keys create|list|revoke` as an operator runs them (a real process), on SQLite
and PostgreSQL: the secret is printed once and works on POST, only its sha256 is stored,
a revoked key is refused at once; and a services file that does not fit stops every command."""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path

from sqlalchemy import text

from storage import Store, load_catalog
from storage.db.engine import create_engine
from storage.tickets.photos import PhotoStore
from tests.conftest import FakeClock
from tests.integration.open311.client import open311_client
from tests.integration.test_cli_tickets import run

POST = {"service_code": "002", "lat": "23.1", "long": "113.3", "description": "树倒了"}


def post_with(url: str, photos: Path, secret: str) -> int:
    async def go() -> int:
        store = Store(
            create_engine(url), catalog=load_catalog(), photos=PhotoStore(photos), clock=FakeClock()
        )
        try:
            async with open311_client(store) as client:
                answer = await client.post("/requests.json", data={**POST, "api_key": secret})
                return answer.status_code
        finally:
            await store.close()

    return asyncio.run(go())


def stored_rows(url: str) -> list[tuple[object, ...]]:
    async def go() -> list[tuple[object, ...]]:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                rows = await connection.execute(text("SELECT * FROM api_keys"))
                return [tuple(row) for row in rows]
        finally:
            await engine.dispose()

    return asyncio.run(go())


def test_create_list_revoke(database_url: str, tmp_path: Path) -> None:
    env = {"CITYBOT_DATABASE_URL": database_url}
    created = run(["api-keys", "create", "district app"], tmp_path, **env)
    assert created.returncode == 0, created.stderr
    lines = created.stdout.splitlines()
    assert lines[0].startswith("API key 1 (district app) created")
    secret = lines[1]
    assert len(secret) >= 40
    (row,) = stored_rows(database_url)
    assert hashlib.sha256(secret.encode()).hexdigest() in row
    assert secret not in repr(row)

    assert post_with(database_url, tmp_path / "photos", secret) == 200
    listed = run(["api-keys", "list"], tmp_path, **env)
    assert listed.returncode == 0 and "district app" in listed.stdout
    assert secret[:8] in listed.stdout and secret not in listed.stdout
    assert "1 requests" in listed.stdout

    revoked = run(["api-keys", "revoke", "1"], tmp_path, **env)
    assert revoked.returncode == 0 and "revoked" in revoked.stdout, revoked.stderr
    (key,) = json.loads(run(["api-keys", "list", "--json"], tmp_path, **env).stdout)
    assert key["requests"] == 1 and key["revoked_at"] is not None
    assert secret not in json.dumps(key)
    assert post_with(database_url, tmp_path / "photos", secret) == 403

    unknown = run(["api-keys", "revoke", "99"], tmp_path, **env)
    assert unknown.returncode == 1 and unknown.stderr.strip() == "citybot: no API key 99"
    nameless = run(["api-keys", "create", "  "], tmp_path, **env)
    assert nameless.returncode == 1 and "name" in nameless.stderr


def test_a_services_file_that_does_not_fit_stops_every_command(tmp_path: Path) -> None:
    services = tmp_path / "services.yaml"
    services.write_text("services: [{service_code: '1', category: nowhere}]", "utf-8")
    refused = run(["api-keys", "list"], tmp_path, CITYBOT_OPEN311_SERVICES_FILE=str(services))
    assert refused.returncode == 2
    (line,) = refused.stderr.splitlines()
    assert line.startswith("citybot: CITYBOT_OPEN311_SERVICES_FILE: ") and "nowhere" in line
