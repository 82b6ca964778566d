// An SSE server on better-sse, for tst_realservers: named events, multi-line data, comments,
// retry and ids, each written as its own chunk, as an application pushes them.
// Usage: node server.mjs PORT   (prints "listening PORT" when ready)
import http from 'node:http';
import { createSession } from 'better-sse';

const port = Number(process.argv[2] || 0);

const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname !== '/feed') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
    }
    // Strings go out as they are (so multi-line data stays multi-line), the rest as JSON.
    const session = await createSession(req, res, {
        retry: 2500,
        keepAlive: null,
        serializer: (data) => (typeof data === 'string' ? data : JSON.stringify(data)),
    });
    const comment = (text) => session.batch((buffer) => { buffer.comment(text); });
    await comment('hello from better-sse');
    session.push({ symbol: 'ACME', price: 101.5 }, 'price', '1');
    // Multi-line data as two data: fields ...
    await session.batch((buffer) => {
        buffer.event('note').id('2').data('first line').data('').data('third line').dispatch();
    });
    session.push('plain message', 'message', '3');
    await session.batch((buffer) => { buffer.retry(1500); });
    session.push('ünïcödé ✓ 😀', 'note', '4');
    await comment('keep-alive');
    session.push('  leading spaces kept after the first', 'note', '5');
    session.push('', 'empty', '6');
    session.push('final', 'done', '7');
    // ... and a string with newlines pushed as it is: better-sse writes it on one data: field,
    // so a spec client keeps "first line" and ignores the rest as unknown fields.
    session.push('first line\nsecond line', 'note', '8');
});

server.listen(port, '127.0.0.1', () => {
    console.log(`listening ${server.address().port}`);
});
