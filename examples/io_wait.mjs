// I/O-bound JavaScript: tasks that wait for a reply rather than compute. One event loop overlaps the waiting
// (the async strategy); worker threads or processes add nothing but start-up.
//
//   parallelism-profiler profile examples/io_wait.mjs:fetch --tasks 32
//   parallelism-profiler profile examples/io_wait.mjs:sleep --args "Array(32).fill(50)"
import net from 'node:net';

/** How long the local server waits before it answers (ms), like a slow web service. */
export const DELAY_MS = 50;

let server;

/** A tiny server on a free loopback port that answers each request after DELAY_MS; started on first use. */
function port() {
  server ??= new Promise((resolve, reject) => {
    const s = net.createServer((conn) => {
      conn.once('data', () => setTimeout(() => conn.end('pong\n'), DELAY_MS));
      conn.on('error', () => {});
    });
    s.unref(); // it must not keep a worker or a child process alive once its tasks are done
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s.address().port));
  });
  return server;
}

/** Send a request to the local server and wait for its delayed answer. */
export async function fetch() {
  const p = await port();
  return new Promise((resolve, reject) => {
    const sock = net.connect(p, '127.0.0.1', () => sock.write('ping\n'));
    let reply = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => (reply += d));
    sock.on('end', () => resolve(reply));
    sock.on('error', reject);
  });
}

/** Wait `ms` milliseconds on a timer: pure waiting, no work. */
export async function sleep(ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ms;
}
