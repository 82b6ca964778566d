"""SSE endpoints written the way FastAPI applications write them, for tst_realservers.

Run with Debian's interpreter and packages (python3-fastapi, python3-uvicorn):
    /usr/bin/python3 -m uvicorn fastapi_app:app --app-dir tests/realservers --port N
"""
import asyncio
import json

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import StreamingResponse

app = FastAPI()


class DatabaseError(RuntimeError):
    pass


@app.get("/count")
async def count(request: Request, interval: float = 1.0, fail_at: int = -1,
                accel: bool = False):
    """`data: {"count": n}` every `interval` seconds with `id: n`, resuming after the
    Last-Event-ID the client sends; at n == fail_at the work raises, and the handler reports
    it as `event: error` with {"error": "..."} and ends the stream."""
    last = request.headers.get("last-event-id", "")
    first = int(last) + 1 if last.isdigit() else 0

    async def events():
        n = first
        try:
            while True:
                if n == fail_at:
                    raise DatabaseError("database connection lost")
                yield f"id: {n}\ndata: {json.dumps({'count': n})}\n\n"
                n += 1
                await asyncio.sleep(interval)
        except DatabaseError as e:
            yield f"event: error\ndata: {json.dumps({'error': str(e)})}\n\n"

    headers = {"Cache-Control": "no-cache"}
    if accel:
        headers["X-Accel-Buffering"] = "no"  # what nginx's documentation recommends
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)


@app.get("/headers")
async def headers(request: Request):
    """One event whose data is the request's headers as the server received them, as a JSON
    list of [name, value] pairs; then the stream stays open (a comment every second)."""
    received = [[k.decode("latin-1"), v.decode("latin-1")] for k, v in request.scope["headers"]]

    async def events():
        yield f"data: {json.dumps(received)}\n\n"
        while True:
            await asyncio.sleep(1)
            yield ": ping\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")


@app.get("/strict")
async def strict(colour: str = ""):
    """A stream that refuses a parameter it does not know, as FastAPI apps do (a 400 whose
    JSON body says why)."""
    if colour:
        raise HTTPException(status_code=400, detail=f"unknown parameter 'colour={colour}'")

    async def events():
        yield "data: ok\n\n"
        await asyncio.sleep(3600)

    return StreamingResponse(events(), media_type="text/event-stream")
