"""Serving the app with uvicorn on a socket bound first, so the URL announced is one that is listening
(and port 0 announces the port the system chose)."""
from __future__ import annotations

import socket

import uvicorn
from fastapi import FastAPI


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on `host`:`port`; OSError if it cannot be had (port in use, bad address)."""
    listening = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    # asyncio turns Nagle's algorithm off only on sockets made with proto=IPPROTO_TCP, which create_server's
    # are not; left on, a keep-alive client waits ~40 ms for each response body sent after its headers.
    # Accepted connections inherit the option.
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return listening


def url(listening: socket.socket) -> str:
    host, port = listening.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def run(app: FastAPI, listening: socket.socket) -> None:
    """Serve until interrupted (Ctrl-C)."""
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listening])
