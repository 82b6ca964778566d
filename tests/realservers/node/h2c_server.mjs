// Cleartext HTTP/2 only (prior knowledge, no HTTP/1.1 upgrade), with node's own http2 module,
// for tst_realservers: GET /feed sends three events, one write each, and keeps the stream open.
// Usage: node h2c_server.mjs PORT   (prints "listening PORT" when ready)
import http2 from 'node:http2';

const port = Number(process.argv[2] || 0);

const server = http2.createServer((req, res) => {
    if (req.url !== '/feed') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (let n = 1; n <= 3; ++n)
        res.write(`id: ${n}\nevent: h2\ndata: frame ${n} über HTTP/2\n\n`);
});

server.listen(port, '127.0.0.1', () => {
    console.log(`listening ${server.address().port}`);
});
