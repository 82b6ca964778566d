// One HTTP chunk per event, as Express, FastAPI and better-sse write: each event is its own
// res.write(), so a plain HTTP/1.1 response carries one chunk per event.
// Usage: node chunk_server.mjs PORT COUNT [h2c]   (prints "listening PORT" when ready)
// GET /feed streams COUNT events ("id: N", "data: {...}", about 60 bytes each) as fast as
// the client reads (backpressure through 'drain'), then ends the response.
// With h2c the server speaks cleartext HTTP/2 only (prior knowledge, as `curl
// --http2-prior-knowledge` and `ssecat --http2-prior-knowledge` connect): each write is then
// one DATA frame instead of one chunk.
import http from 'node:http';
import http2 from 'node:http2';

const port = Number(process.argv[2] || 0);
const count = Number(process.argv[3] || 200000);
const h2c = process.argv[4] === 'h2c';

const server = (h2c ? http2.createServer : http.createServer)((req, res) => {
    if (!req.url.startsWith('/feed')) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    let n = 0;
    const pump = () => {
        while (n < count) {
            ++n;
            const ok = res.write(`id: ${n}\ndata: {"seq":${n},"value":${(n * 7919) % 100000}}\n\n`);
            if (!ok) {
                res.once('drain', pump);
                return;
            }
        }
        res.end();
    };
    pump();
});

server.listen(port, '127.0.0.1', () => {
    console.log(`listening ${server.address().port}`);
});
