// TCP listener on 127.0.0.1 that receives the plugin's JSON lines. TCP rather than a file or a
// FIFO: it streams without polling, leaves nothing on disk, works on Windows, and serves several
// pytest sessions at once (a crate can run pytest from more than one test binary).

import * as net from 'node:net';
import { LineSplitter, ParsedLine, parseEventLine } from './parseEvents';

export interface SideChannel {
  /** Value for PYTEST_PATTERNS_EVENTS. */
  address: string;
  /** Resolves when every connection so far has ended (call after the process closed). */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export async function openSideChannel(onLine: (parsed: ParsedLine) => void): Promise<SideChannel> {
  const open = new Set<Promise<void>>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding('utf8');
    const splitter = new LineSplitter();
    socket.on('data', (chunk: string) => splitter.push(chunk).forEach((line) => onLine(parseEventLine(line))));
    const ended = new Promise<void>((resolve) => {
      socket.on('close', () => {
        splitter.flush().forEach((line) => onLine(parseEventLine(line)));
        sockets.delete(socket);
        resolve();
      });
      socket.on('error', () => undefined);
    });
    open.add(ended);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    drained: async () => {
      await Promise.all([...open]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
