"""Serve a built static folder the way a static host would, for development."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort, send_from_directory


def create_preview_app(site_dir: Path) -> Flask:
    """Return an app that serves *site_dir*, with `index.html` for folders."""
    app = Flask(__name__, static_folder=None)
    root = site_dir.resolve()

    @app.route("/", defaults={"path": ""})
    @app.route("/<path:path>")
    def static_file(path: str) -> Response:
        target = (root / path).resolve()
        if not target.is_relative_to(root):
            abort(404)
        if target.is_dir():
            path = f"{path.rstrip('/')}/index.html".lstrip("/")
        return send_from_directory(root, path)

    return app
