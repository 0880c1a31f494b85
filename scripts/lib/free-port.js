'use strict';
const net = require('net');

/** A TCP port that is free on 127.0.0.1 right now (the OS picks it). */
const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

module.exports = { freePort };
