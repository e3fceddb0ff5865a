"""Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe):
the standard library only, no WebDriver, no new dependency.

Chromium reads commands from its fd 3 and writes replies and events to its fd 4, each a JSON
object ended by a NUL byte. A command line alone cannot emulate a phone (a headless window is
at least 500 pixels wide), nor click where a reader clicks; the protocol does both.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

# Only to stop a hung browser from hanging the test run; no test measures how long anything takes.
_PATIENCE = 120.0

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--mute-audio", "--remote-debugging-pipe")


def chromium() -> str:
    """The browser, or a skip that says how to get it; under XMFACTS_REQUIRE_BROWSER (CI) a failure."""
    found = shutil.which(os.environ.get("XMFACTS_CHROMIUM") or "chromium") or shutil.which("chromium-browser")
    if found:
        return found
    reason = "headless Chromium is not installed (apt-get install chromium); .ci/run installs it"
    if os.environ.get("XMFACTS_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


class Browser:
    """One headless Chromium and one page in it."""

    def __init__(self, profile: Path) -> None:
        theirs_in, ours_out = os.pipe()  # we write commands; Chromium reads them as fd 3
        ours_in, theirs_out = os.pipe()  # Chromium writes as fd 4; we read

        def wire() -> None:  # in the child, before exec: the two pipe ends become fds 3 and 4
            a, b = os.dup(theirs_in), os.dup(theirs_out)  # out of the way of 3 and 4 first
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False,
        )
        os.close(theirs_in)
        os.close(theirs_out)
        self._out, self._in = ours_out, ours_in
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:  # noqa: BLE001 (it may be gone already; it is stopped below either way)
            pass
        try:
            self.process.wait(timeout=_PATIENCE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._out, self._in):
            try:
                os.close(fd)
            except OSError:
                pass

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._in], [], [], _PATIENCE)
            chunk = os.read(self._in, 1 << 16) if ready else b""
            if not chunk:
                raise RuntimeError("Chromium stopped answering")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(message))

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next += 1
        command: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            command["sessionId"] = self.session
        os.write(self._out, json.dumps(command).encode() + b"\0")
        while True:
            message = self._message()
            if message.get("id") == self._next:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            self.events.append(message)

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.call(method, session=True, **params)

    def open(self, url: str, width: int, height: int, phone: bool) -> None:
        """Load url in a window of this size (a phone: touch, meta viewport) and wait for its load event."""
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=phone)
        self.page("Page.enable")
        self.events.clear()
        self.page("Page.navigate", url=url)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._message())

    def evaluate(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def key(self, key: str, code: str, key_code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.page("Input.dispatchKeyEvent", type=kind, key=key, code=code, windowsVirtualKeyCode=key_code)

    def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode(self.page("Page.captureScreenshot", format="png")["data"])
        path.write_bytes(data)
        return data
