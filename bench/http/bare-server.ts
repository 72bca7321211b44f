// The baseline: a bare node:http server answering the same JSON as the app's /api/ping.
import { createServer } from 'node:http';

const body = JSON.stringify({ ok: true });
const port = Number(process.env.PORT ?? 0);
const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
});
server.listen(port, '127.0.0.1', () => console.log('bare server listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
