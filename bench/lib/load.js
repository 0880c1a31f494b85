/**
 * The benchmarks' HTTP load: one request with an API token, and a batch of POSTs by concurrent workers over
 * keep-alive connections. Shared by bench/run.js and its modules.
 */
'use strict';

const http = require('http');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function request(method, agent, port, token, urlPath, body) {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent, host: '127.0.0.1', port, path: urlPath, method,
        headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length, Authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
const post = (...args) => request('POST', ...args);

/** `total` POSTs to `urlPath` by `concurrency` workers; returns creates/s (201s over wall time) and latencies. */
async function batch(server, urlPath, concurrency, total, makeBody) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let issued = 0;
  let ok = 0;
  const failures = [];
  const latencies = [];
  const t0 = process.hrtime.bigint();
  const worker = async () => {
    while (issued < total) {
      issued += 1;
      const s = process.hrtime.bigint();
      const res = await post(agent, server.port, server.token, urlPath, makeBody());
      latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (res.status === 201) ok += 1;
      else failures.push(`${res.status} ${res.body.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  return { rate: ok / seconds, ok, failures, seconds, p50: median(latencies), latencies };
}

module.exports = { median, request, post, batch };
