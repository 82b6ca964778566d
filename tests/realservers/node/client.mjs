// The npm `eventsource` client, for comparison: prints each event it receives as one JSON
// line {"type", "data", "lastEventId"} and exits after COUNT events.
// Usage: node client.mjs URL COUNT
import { EventSource } from 'eventsource';

const [url, count] = [process.argv[2], Number(process.argv[3])];
const types = ['message', 'price', 'note', 'empty', 'done'];
const source = new EventSource(url);
let seen = 0;
const timer = setTimeout(() => { console.error('timed out'); process.exit(2); }, 20000);
for (const type of types) {
    source.addEventListener(type, (event) => {
        console.log(JSON.stringify({ type, data: event.data, lastEventId: event.lastEventId }));
        if (++seen === count) {
            clearTimeout(timer);
            source.close();
        }
    });
}
