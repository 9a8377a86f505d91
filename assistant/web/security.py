"""The second wall behind escaping: a content-security policy that lets the page load and
connect to its own origin only. Even if some brief text became markup, the browser would fetch
no outside image, script, style or frame, and no form or link could post elsewhere."""
from __future__ import annotations

# 'unsafe-inline' scripts/styles: gradio's page bootstraps from inline <script>/<style>;
# 'unsafe-eval': gr.HTML renders its value through a template compiled with new Function. The
# protection that matters here is the origin list, which names nothing but 'self'.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


class SecurityHeaders:
    """Pure ASGI middleware (streams untouched, unlike BaseHTTPMiddleware): adds HEADERS to
    every HTTP response that does not set them itself."""

    def __init__(self, app, headers: dict[str, str] | None = None):
        self.app = app
        self.headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in (headers or HEADERS).items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in self.headers if k not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
