// The npm `eventsource` client as a peer in the benchmarks: counts COUNT events (and their
// data bytes) without printing them, then prints "events dataBytes" and exits.
// Usage: node count_client.mjs URL COUNT   (tests/bench/run_benchmarks.py runs it)
import { EventSource } from 'eventsource';

const [url, count] = [process.argv[2], Number(process.argv[3])];
const source = new EventSource(url);
let seen = 0;
let bytes = 0;
const timer = setTimeout(() => { console.error('timed out'); process.exit(2); }, 120000);
source.onmessage = (event) => {
    bytes += Buffer.byteLength(event.data);
    if (++seen === count) {
        clearTimeout(timer);
        source.close();
        console.log(`${seen} ${bytes}`);
    }
};
