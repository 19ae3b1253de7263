"""Scoped API keys: every route against every kind of key, bound filters, key files,
and keys kept out of the server's log."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.api.auth import route_scope, routes
from segue.config import Settings
from segue.engine import open_engine
from segue.keys import read_key_file

from ..conftest import CATALOG
from ..e2e.conftest import _free_port

KEYS_TOML = """
[[keys]]
name = "ops"
key = "ops-5b8f0c2e9a7d4e1f"
scopes = ["admin"]

[[keys]]
name = "catalog-pipeline"
key = "pipe-2f6a1d9c8b3e7f40"
scopes = ["write"]

[[keys]]
name = "app-backend"
key = "back-9c4e2a7f1d6b3e85"
scopes = ["events"]

[[keys]]
name = "web"
key = "web-7d1e5b3a9f2c6d04"
scopes = ["search"]

[[keys]]
name = "se-tracks"
key = "trk-3a8c6e1f5d9b2a77"
scopes = ["search"]
types = ["track"]
market = "se"
"""
ENV_ADMIN, ENV_SEARCH = "env-admin-0c7b3d9e", "env-search-4e1a8f2b"
SECRETS = {"ops": "ops-5b8f0c2e9a7d4e1f", "pipeline": "pipe-2f6a1d9c8b3e7f40",
           "backend": "back-9c4e2a7f1d6b3e85", "web": "web-7d1e5b3a9f2c6d04",
           "se-tracks": "trk-3a8c6e1f5d9b2a77", "env-admin": ENV_ADMIN,
           "env-search": ENV_SEARCH}
# What each key may do, by scope; None: no key at all; "wrong": a key nobody has.
CALLERS: dict[str, frozenset[str]] = {
    "none": frozenset(), "wrong": frozenset(),
    "ops": frozenset({"admin", "write", "events", "search"}),
    "env-admin": frozenset({"admin", "write", "events", "search"}),
    "pipeline": frozenset({"write"}), "backend": frozenset({"events"}),
    "web": frozenset({"search"}), "se-tracks": frozenset({"search"}),
    "env-search": frozenset({"search"}),
}

BULK = (orjson.dumps({"index": {"_id": "tr-new"}}) + b"\n"
        + orjson.dumps({"type": "track", "name": "Espresso", "artists": ["Sabrina Carpenter"]})
        + b"\n")
EVENTS = {"events": [{"user_id": "ana", "type": "like", "id": "tr-halo"}]}
# Every route the app answers: its declared scope and a request it answers when allowed.
ROUTES: dict[tuple[str, str], tuple[str, dict, set[int]]] = {
    ("GET", "/v1/search"): ("search", {"params": {"q": "halo"}}, {200}),
    ("GET", "/v1/similar"): ("search", {"params": {"id": "tr-halo"}}, {200}),
    ("GET", "/v1/suggest"): ("search", {"params": {"q": "hal"}}, {200}),
    ("GET", "/v1/documents/{doc_id:path}"): ("search", {"url": "/v1/documents/tr-halo"},
                                             {200}),
    ("GET", "/v1/stats"): ("search", {}, {200}),
    ("POST", "/v1/documents/_bulk"): ("write", {"content": BULK, "headers": {
        "content-type": "application/x-ndjson"}}, {200}),
    ("DELETE", "/v1/documents/{doc_id:path}"): ("write", {"url": "/v1/documents/tr-new"},
                                                {200, 404}),
    ("POST", "/v1/events"): ("events", {"json": EVENTS}, {200}),
    ("DELETE", "/v1/events/{user_id}"): ("events", {"url": "/v1/events/ana"}, {200}),
    ("GET", "/v1/health"): ("public", {}, {200}),
    ("GET", "/v1/ready"): ("public", {}, {200}),
    ("GET", "/metrics"): ("public", {}, {200}),
    ("GET", "/openapi.json"): ("public", {}, {200}),
    ("GET", "/docs"): ("public", {}, {200}),
    ("GET", "/docs/openapi-3.0.json"): ("public", {}, {200}),
    ("GET", "/"): ("public", {}, {200}),
    ("GET", "/static"): ("public", {"url": "/static/app.js"}, {200}),
    ("GET", "/docs/assets"): ("public", {"url": "/docs/assets/swagger-ui-bundle.js"}, {200}),
}


@pytest.fixture(scope="module")
def key_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "keys.toml"
    path.write_text(KEYS_TOML)
    return path


@pytest.fixture(scope="module")
def app_client(tmp_path_factory, key_file):
    settings = Settings(data_dir=tmp_path_factory.mktemp("keyed"), admin_key=ENV_ADMIN,
                        search_keys=frozenset({ENV_SEARCH}), keys_file=key_file,
                        file_keys=read_key_file(key_file))
    engine = open_engine(settings)
    engine.load()
    assert all(r.ok for r in engine.index_documents(CATALOG))
    client = TestClient(create_app(engine, settings))
    yield client
    engine.close()


def _auth(caller: str) -> dict[str, str]:
    if caller == "none":
        return {}
    secret = "web-7d1e5b3a9f2c6d05" if caller == "wrong" else SECRETS[caller]
    return {"Authorization": f"Bearer {secret}"}


def _route_key(route) -> tuple[str, str]:
    methods = sorted(route.methods or {"GET"})
    return methods[0], route.path


def test_every_route_declares_the_scope_the_table_expects(app_client):
    declared = {_route_key(r): route_scope(r) for r in routes(app_client.app)}
    # A new route fails here until it is added to ROUTES with the scope it should need.
    assert declared == {k: scope for k, (scope, _, _) in ROUTES.items()}


@pytest.mark.parametrize("caller", sorted(CALLERS))
@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
def test_key_by_route(app_client, caller, route):
    method, path = route
    scope, request, allowed = ROUTES[route]
    url = request.get("url", path)
    kwargs = {k: v for k, v in request.items() if k != "url"}
    headers = {**kwargs.pop("headers", {}), **_auth(caller)}
    r = app_client.request(method, url, headers=headers, **kwargs)
    if scope == "public" or scope in CALLERS[caller]:
        assert r.status_code in allowed, (caller, route, r.status_code, r.text[:300])
    elif caller in ("none", "wrong"):
        assert r.status_code == 401, (caller, route, r.text[:300])
        assert r.headers["www-authenticate"] == "Bearer"
    else:
        assert r.status_code == 403, (caller, route, r.text[:300])
        assert f"needs '{scope}'" in r.json()["detail"]
    if r.status_code in (401, 403):
        assert r.headers["content-type"].startswith("application/problem+json")
        assert all(s not in r.text for s in SECRETS.values())


def test_a_search_key_cannot_act_for_a_user(app_client):
    """The issue's case: a search key liked tracks for someone else and erased them."""
    web = _auth("web")
    assert app_client.post("/v1/events", json=EVENTS, headers=web).status_code == 403
    assert app_client.delete("/v1/events/ana", headers=web).status_code == 403
    backend = _auth("backend")
    assert app_client.post("/v1/events", json=EVENTS, headers=backend).json()["errors"] is False
    assert app_client.get("/v1/search", params={"q": "halo"}, headers=backend).status_code == 403


def test_a_key_bound_to_tracks_only_ever_sees_tracks(app_client):
    bound = _auth("se-tracks")
    for q in ("beyonce", "halo", "shakira", "kino"):
        body = app_client.get("/v1/search", params={"q": q}, headers=bound).json()
        assert body["hits"] and {h["type"] for h in body["hits"]} == {"track"}, q
        assert body["top"]["type"] == "track"
    # The same query with a search key finds the artist first.
    assert app_client.get("/v1/search", params={"q": "beyonce"},
                          headers=_auth("web")).json()["top"]["id"] == "ar-beyonce"
    # Narrowing within the binding is allowed; widening it is refused, not ignored.
    ok = app_client.get("/v1/search", params={"q": "halo", "type": "track"}, headers=bound)
    assert ok.status_code == 200
    wide = app_client.get("/v1/search", params={"q": "halo", "type": "track,artist"},
                          headers=bound)
    assert wide.status_code == 403
    assert "'se-tracks' searches only type track, not artist" in wide.json()["detail"]
    suggestions = app_client.get("/v1/suggest", params={"q": "b"}, headers=bound).json()
    assert suggestions["suggestions"]
    assert {s["type"] for s in suggestions["suggestions"]} == {"track"}
    assert app_client.get("/v1/documents/ar-beyonce", headers=bound).status_code == 404
    assert app_client.get("/v1/documents/tr-halo", headers=bound).status_code == 200
    assert app_client.get("/v1/similar", params={"id": "tr-halo", "type": "artist"},
                          headers=bound).status_code == 403


def test_market_binding_is_merged_into_the_parameters(key_file):
    from segue.api.auth import Caller

    caller = Caller(read_key_file(key_file)[4])
    assert caller.narrow("market", None) == "SE"
    assert caller.narrow("market", "se") == "se"
    with pytest.raises(Exception, match="searches only market SE, not US"):
        caller.narrow("market", "US")


def test_json_key_file_and_clear_errors(tmp_path):
    good = tmp_path / "keys.json"
    good.write_text(json.dumps({"keys": [{"key": "k-1a2b3c", "name": "web",
                                          "scopes": ["search"], "types": ["track", "album"]}]}))
    (key,) = read_key_file(good)
    assert key.name == "web" and key.allows("search") and not key.allows("events")
    assert key.bound == {"type": "album,track"} and "k-1a2b3c" not in repr(key)
    cases = {
        '{"keys": [{"key": "s3cr3t-value", "scopes": ["read"]}]}': "unknown scope read",
        '{"keys": [{"key": "s3cr3t-value", "scopes": ["search"], "types": ["song"]}]}':
            "unknown type song",
        '{"keys": [{"key": "s3cr3t-value", "scope": ["search"]}]}': "unknown field scope",
        '{"keys": [{"key": "s3cr3t-value", "scopes": ["search"]},'
        ' {"key": "s3cr3t-value", "name": "b", "scopes": ["admin"]}]}': "repeats the key",
        '{"keys": [{"key": "s3cr3t-value", "scopes": ["search"],}]}': "not valid JSON",
        '{"keys": []}': "non-empty list 'keys'",
    }
    for text, words in cases.items():
        bad = tmp_path / "bad.json"
        bad.write_text(text)
        with pytest.raises(ValueError, match=words) as caught:
            read_key_file(bad)
        assert "s3cr3t-value" not in str(caught.value)
        assert str(bad) in str(caught.value)
    toml = tmp_path / "bad.toml"
    toml.write_text('[[keys]]\nkey = "s3cr3t-value\nscopes = ["search"]\n')
    with pytest.raises(ValueError, match="not valid TOML") as caught:
        read_key_file(toml)
    assert "s3cr3t-value" not in str(caught.value)


def _get(url: str, key: str | None) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"}
                                     if key else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:  # not listening yet
        return 0


def test_keys_never_reach_the_server_log(tmp_path, key_file):
    """A real `segue serve` with a key file and the environment's keys, at debug level:
    its whole output names the keys and never holds one."""
    port = _free_port()
    env = {**os.environ, "SEGUE_ADMIN_KEY": ENV_ADMIN, "SEGUE_SEARCH_KEYS": ENV_SEARCH,
           "SEGUE_WRITE_PROCESS": "0"}
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "segue", "serve", "--data", str(tmp_path / "d"),
             "--port", str(port), "--keys", str(key_file), "--log-level", "debug"],
            stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while _get(f"{base}/v1/ready", None) != 200:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        statuses = {caller: _get(f"{base}/v1/search?q=halo", SECRETS.get(caller))
                    for caller in SECRETS}
        assert statuses == {"ops": 200, "pipeline": 403, "backend": 403, "web": 200,
                            "se-tracks": 200, "env-admin": 200, "env-search": 200}
        assert _get(f"{base}/v1/search?q=halo", "web-7d1e5b3a9f2c6d05") == 401
        assert _get(f"{base}/v1/stats", "ops-5b8f0c2e9a7d4e1") == 401  # a prefix
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    text = log.read_text(errors="replace")
    assert "API keys: ops (admin); catalog-pipeline (write)" in text
    assert "se-tracks (search, type=track, market=SE)" in text
    assert "SEGUE_ADMIN_KEY (admin)" in text
    for secret in [*SECRETS.values(), "web-7d1e5b3a9f2c6d05"]:
        assert secret not in text and secret[:12] not in text, secret


def test_docs_load_swagger_ui_from_this_server(app_client):
    """/docs works offline: its script and style come from the installed package."""
    page = app_client.get("/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/docs/assets/") for a in assets), assets
    assert "cdn" not in page.lower() and "https://" not in page
    for asset in assets:
        r = app_client.get(asset)
        assert r.status_code == 200 and len(r.content) > 500, asset
    assert "SwaggerUIBundle" in app_client.get("/docs/assets/swagger-ui-bundle.js").text


def test_a_bad_key_file_stops_serve_in_one_line(tmp_path):
    bad = tmp_path / "keys.toml"
    bad.write_text('[[keys]]\nname = "web"\nkey = "s3cr3t-value-77"\nscopes = ["reader"]\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEGUE_") or
           k == "SEGUE_TEXT_MODEL"}
    done = subprocess.run([sys.executable, "-m", "segue", "serve", "--data",
                           str(tmp_path / "d"), "--port", str(_free_port()), "--keys", str(bad)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode != 0
    assert done.stderr.strip() == (f"segue serve: key file {bad}: keys[0] (web): unknown "
                                   "scope reader; known: admin, write, events, search")
    assert "s3cr3t-value-77" not in done.stderr + done.stdout
    assert not (tmp_path / "d").exists()  # refused before anything is created


def test_docs_read_the_same_document_spelt_as_openapi_30(app_client):
    """The packaged Swagger UI reads OpenAPI 3.0: /docs gets /openapi.json with
    `nullable` for 3.1's `{"type": "null"}` and nothing else changed."""
    full = app_client.get("/openapi.json").json()
    old = app_client.get("/docs/openapi-3.0.json").json()
    assert full["openapi"].startswith("3.1") and old["openapi"] == "3.0.3"
    assert '"type": "null"' not in json.dumps(old)
    assert old["paths"].keys() == full["paths"].keys()
    params = {p["name"]: p["schema"] for p in old["paths"]["/v1/search"]["get"]["parameters"]}
    assert params["type"]["nullable"] is True and params["type"]["type"] == "string"
    assert params["type"]["pattern"] == next(
        p["schema"]["pattern"] for p in full["paths"]["/v1/search"]["get"]["parameters"]
        if p["name"] == "type")
