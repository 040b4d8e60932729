"""A minimal Streamlit client that speaks the browser's websocket protocol (Streamlit 1.67), for load tests.

One ``StClient`` is one browser tab: it connects to ``ws://HOST/_stcore/stream`` (sub-protocol ``streamlit``),
asks for script runs with ``BackMsg.rerun_script`` (a ``ClientState`` with the page, query string and widget
values), keeps the element tree of the current run from the ``Delta`` messages and waits for ``script_finished``.
Every interaction records its round-trip (request sent → run finished) in ``timings``.

What it does not do: uploads, fragments, custom components, the ``ForwardMsg`` reference cache (it never claims
to hold cached messages, so the server always sends whole messages).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.typing import Subprotocol

_FINISHED = ForwardMsg.ScriptFinishedStatus
_TEXT_FIELDS = ("markdown", "text", "heading", "alert", "metric", "progress", "code")
_WIDGETS = ("button", "text_input", "text_area", "radio", "checkbox", "selectbox", "page_link", "number_input")


class StClientError(AssertionError):
    """The app did something a browser user would call broken (an exception, a timeout, a missing widget)."""


@dataclass
class Node:
    path: tuple[int, ...]
    element: Element

    @property
    def kind(self) -> str:
        return str(self.element.WhichOneof("type"))

    @property
    def proto(self) -> Any:
        return getattr(self.element, self.kind)

    @property
    def label(self) -> str:
        return str(getattr(self.proto, "label", ""))

    @property
    def text(self) -> str:
        """The visible text of a text-like element (alert, markdown, metric label + value, progress text)."""
        p = self.proto
        if self.kind == "metric":
            return f"{p.label} {p.body}"
        if self.kind == "progress":
            return str(p.text)
        return str(getattr(p, "body", ""))


@dataclass
class Page:
    name: str
    url_pathname: str
    script_hash: str


@dataclass
class StClient:
    """One simulated browser tab. Use ``async with StClient(url) as c: await c.run()``."""

    base_url: str
    timeout: float = 60.0
    headers: dict[str, str] = field(default_factory=dict)  # extra handshake headers (X-Forwarded-For behind a proxy)
    session_id: str = ""
    pages: dict[str, Page] = field(default_factory=dict)  # url_pathname → page
    current_page: str = ""  # script hash of the page of the last run
    query_string: str = ""
    tree: dict[tuple[int, ...], Element] = field(default_factory=dict)
    timings: list[float] = field(default_factory=list)
    steps: list[tuple[str, float]] = field(default_factory=list)  # (what was asked, round-trip seconds)
    _ws: Any = None
    _reader: asyncio.Task[None] | None = None
    _finished: asyncio.Queue[int] = field(default_factory=asyncio.Queue)
    _values: dict[str, WidgetState] = field(default_factory=dict)  # widget values this tab holds (not triggers)

    async def __aenter__(self) -> StClient:
        url = self.base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self._ws = await websockets.connect(
            url,
            subprotocols=[Subprotocol("streamlit")],
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
            additional_headers=self.headers,
        )
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - closing: the reader's end is not news
                pass

    # --- receiving -------------------------------------------------------------------------------------------
    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._apply(msg)
        except websockets.ConnectionClosed:
            pass
        finally:
            self._finished.put_nowait(-1)

    def _apply(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":  # sent at the start of every run: this run's elements replace the last run's
            ns = msg.new_session
            if ns.initialize.session_id:
                self.session_id = ns.initialize.session_id
            self.current_page = ns.page_script_hash
            self.tree.clear()
        elif kind == "navigation":
            self.pages = {
                p.url_pathname: Page(p.page_name, p.url_pathname, p.page_script_hash) for p in msg.navigation.app_pages
            }
            self.current_page = msg.navigation.page_script_hash or self.current_page
        elif kind == "delta":
            self._apply_delta(tuple(msg.metadata.delta_path), msg)
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "script_finished":
            self._finished.put_nowait(msg.script_finished)

    def _apply_delta(self, path: tuple[int, ...], msg: ForwardMsg) -> None:
        delta = msg.delta
        which = delta.WhichOneof("type")
        if which == "new_element":
            self.tree[path] = delta.new_element
        elif which == "add_block":  # a container: drop what used to live under this path
            for old in [p for p in self.tree if p[: len(path)] == path]:
                del self.tree[old]

    # --- sending ---------------------------------------------------------------------------------------------
    async def _rerun(self, step: str, *, triggers: tuple[WidgetState, ...] = (), page_hash: str | None = None) -> float:
        while not self._finished.empty():
            self._finished.get_nowait()
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.current_page if page_hash is None else page_hash
        state.context_info.timezone = "Asia/Shanghai"
        state.context_info.locale = "zh-CN"
        state.context_info.url = self.base_url
        live = {p.id for p in (self.widget_protos())}
        for wid, value in self._values.items():
            if wid in live or page_hash is None:
                state.widget_states.widgets.append(value)
        state.widget_states.widgets.extend(triggers)
        started = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        await self._wait_finished()
        elapsed = time.perf_counter() - started
        self.timings.append(elapsed)
        self.steps.append((step, elapsed))
        self.raise_on_exception()
        return elapsed

    async def _wait_finished(self) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise StClientError(f"no script_finished within {self.timeout} s (session {self.session_id})")
            try:
                status = await asyncio.wait_for(self._finished.get(), left)
            except TimeoutError:
                continue
            if status == -1:
                raise StClientError("the server closed the websocket")
            if status in (_FINISHED.FINISHED_SUCCESSFULLY, _FINISHED.FINISHED_WITH_COMPILE_ERROR):
                # a run that ends in st.rerun() reports FINISHED_EARLY_FOR_RERUN and the server starts the next run
                await asyncio.sleep(0)
                if self._finished.empty():
                    return

    async def run(self) -> float:
        """Run the script as a freshly loaded tab would (first load, or F5)."""
        return await self._rerun("run")

    async def goto(self, url_pathname: str, query: str = "") -> float:
        """Open a page of the navigation by its address (``courses``), with an optional query (``lesson=x``)."""
        page = self.pages.get(url_pathname)
        if page is None:
            raise StClientError(f"no page {url_pathname!r} in the navigation: {sorted(self.pages)}")
        self.query_string = query
        self._values.clear()  # widgets of the old page are gone
        return await self._rerun(f"goto {url_pathname}", page_hash=page.script_hash)

    async def follow(self, link: Node) -> float:
        """Click an ``st.page_link``."""
        p = link.element.page_link
        self.query_string = p.query_string
        self._values.clear()
        return await self._rerun(f"follow {p.page}", page_hash=p.page_script_hash)

    async def click(self, label: str | None = None, *, key: str | None = None) -> float:
        """Click a button (a form's submit button sends the form's values with it, as a browser does)."""
        node = self.widget("button", label=label, key=key)
        trigger = WidgetState(id=node.element.button.id, trigger_value=True)
        return await self._rerun(f"click {label or key}", triggers=(trigger,))

    def set_text(self, label: str, value: str) -> None:
        node = self.widget("text_input", label=label)
        wid = node.element.text_input.id
        self._values[wid] = WidgetState(id=wid, string_value=value)

    def choose(self, node: Node, option: str) -> None:
        """Pick an option of a radio or selectbox (by its displayed text)."""
        proto = node.proto
        if option not in list(proto.options):
            raise StClientError(f"{option!r} is not an option of {node.label!r}: {list(proto.options)}")
        self._values[proto.id] = WidgetState(id=proto.id, string_value=option)

    def tick(self, node: Node, value: bool = True) -> None:
        self._values[node.proto.id] = WidgetState(id=node.proto.id, bool_value=value)

    # --- reading ---------------------------------------------------------------------------------------------
    def nodes(self, kind: str | None = None) -> Iterator[Node]:
        for path in sorted(self.tree):
            node = Node(path, self.tree[path])
            if kind is None or node.kind == kind:
                yield node

    def widget_protos(self) -> Iterator[Any]:
        for node in self.nodes():
            if node.kind in _WIDGETS and node.kind != "page_link":
                yield node.proto

    def widget(self, kind: str, *, label: str | None = None, key: str | None = None) -> Node:
        """The first widget of ``kind`` whose label is ``label`` (or contains it) or whose id ends with ``key``."""
        found = [
            n
            for n in self.nodes(kind)
            if (label is None or n.label == label or label in n.label)
            and (key is None or str(getattr(n.proto, "id", "")).endswith(f"-{key}"))
        ]
        if not found:
            raise StClientError(f"no {kind} labelled {label!r} / key {key!r}; page shows: {self.texts()[:30]}")
        return found[0]

    def links(self) -> list[Node]:
        return list(self.nodes("page_link"))

    def texts(self) -> list[str]:
        out = []
        for node in self.nodes():
            if node.kind in _TEXT_FIELDS:
                out.append(node.text)
            elif node.kind in _WIDGETS:
                out.append(node.label)
        return out

    def page_text(self) -> str:
        return "\n".join(self.texts())

    def errors(self) -> list[str]:
        """Error boxes and exceptions on the page (the app's own st.error messages included)."""
        out = []
        for node in self.nodes():
            if node.kind == "exception":
                e = node.element.exception
                out.append(f"exception {e.type}: {e.message}")
            elif node.kind == "alert" and node.element.alert.format == node.element.alert.ERROR:
                out.append(node.element.alert.body)
        return out

    def raise_on_exception(self) -> None:
        for node in self.nodes("exception"):
            e = node.element.exception
            raise StClientError(f"the page shows an exception {e.type}: {e.message}\n{''.join(e.stack_trace)}")
