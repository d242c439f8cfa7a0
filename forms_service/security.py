"""Security headers on every response of the forms service.

The pages load no script and only two stylesheets (the catalogue's and the
service's own), so the Content-Security-Policy allows nothing else. Approval and
status tokens travel in the path, so the Referer stays on this origin only
(`same-origin`), which still lets CSRF origin checks work.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix


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


def trusted_hosts(app: Flask) -> list[str]:
    """Return the host names to answer: the setting, or PUBLIC_URL's host."""
    setting = app.config.get("TRUSTED_HOSTS")
    if setting:
        names = setting if isinstance(setting, list) else str(setting).split(",")
        return [name.strip() for name in names if name.strip()]
    hosts = [urlsplit(str(app.config["PUBLIC_URL"])).hostname or "localhost"]
    if app.config["ENV"] == "development":
        hosts += ["localhost", "127.0.0.1"]
    return hosts


def init_app(app: Flask) -> None:
    """Send the headers on every response; secure cookies behind HTTPS; answer
    only the trusted host names; trust `PROXY_HOPS` proxies' forwarded headers."""
    policy = content_security_policy(str(app.config["CATALOGUE_URL"]))
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app)
    hops = int(app.config["PROXY_HOPS"])
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )
    if str(app.config["PUBLIC_URL"]).startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True

    @app.errorhandler(SecurityError)
    def _untrusted_host(error: SecurityError) -> Response:
        # No page template here: building its links needs a trusted host.
        return Response(
            "400 Bad Request: this host name is not served here.\n",
            400,
            mimetype="text/plain",
        )

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
