"""Security headers on every response of the forms service.

The pages load no script and only two stylesheets (the catalogue's and the
service's own), so the Content-Security-Policy allows nothing else. Approval and
status tokens travel in the path, so the Referer stays on this origin only
(`same-origin`), which still lets CSRF origin checks work.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response


def content_security_policy(catalogue_url: str) -> str:
    """Return the policy: this origin, plus the catalogue's for its stylesheet."""
    parts = urlsplit(catalogue_url)
    catalogue = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    styles = " ".join(filter(None, ["'self'", catalogue]))
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {styles}",
            "img-src 'self' data:",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ]
    )


def init_app(app: Flask) -> None:
    """Send the headers on every response; secure cookies behind HTTPS."""
    policy = content_security_policy(str(app.config["CATALOGUE_URL"]))
    if str(app.config["PUBLIC_URL"]).startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response
