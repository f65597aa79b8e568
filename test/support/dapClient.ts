// A minimal Debug Adapter Protocol client for tests: Content-Length framed JSON over TCP, requests
// matched to responses by seq, events awaited by predicate. It plays the part VS Code plays when it
// attaches to debugpy, so a test can set a breakpoint and see the debuggee stop there.

import * as net from 'node:net';

export interface DapMessage {
  seq: number;
  type: 'request' | 'response' | 'event';
}
export interface DapResponse extends DapMessage {
  type: 'response';
  request_seq: number;
  command: string;
  success: boolean;
  message?: string;
  /** Shape depends on the command or event (DAP specification). */
  body?: any;
}
export interface DapEvent extends DapMessage {
  type: 'event';
  event: string;
  /** Shape depends on the command or event (DAP specification). */
  body?: any;
}

interface Pending {
  resolve(response: DapResponse): void;
  reject(error: Error): void;
}
interface EventWaiter {
  matches(event: DapEvent): boolean;
  resolve(event: DapEvent): void;
  reject(error: Error): void;
}

const HEADER_END = '\r\n\r\n';

export class DapClient {
  private seq = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, Pending>();
  /** Events nobody has waited for yet, oldest first (an event may arrive before its waiter). */
  private readonly unclaimed: DapEvent[] = [];
  private waiters: EventWaiter[] = [];
  private closedWith: Error | undefined;
  /** Every event received, for failure messages. */
  readonly seen: DapEvent[] = [];
  readonly closed: Promise<void>;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.fail(new Error(`the debug adapter closed the connection (events seen: ${this.describeSeen()})`));
        resolve();
      });
    });
    socket.on('error', (error) => this.fail(new Error(`debug adapter connection: ${error.message}`)));
  }

  static connect(host: string, port: number): Promise<DapClient> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ host, port });
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new DapClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Sends a request; resolves with its response, rejects when the adapter answers success=false. */
  async request(command: string, args?: unknown): Promise<DapResponse> {
    const response = await this.send(command, args);
    if (!response.success) throw new Error(`DAP ${command} failed: ${response.message ?? '(no message)'}`);
    return response;
  }

  /** Sends a request and resolves with the response whatever its `success`. */
  send(command: string, args?: unknown): Promise<DapResponse> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const seq = this.seq++;
    const promise = new Promise<DapResponse>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
    this.write({ seq, type: 'request', command, arguments: args });
    return promise;
  }

  /**
   * The first not yet claimed event named `name` that satisfies `predicate`: one already received,
   * else the next to arrive. Rejects when the connection closes first, so a test cannot hang here.
   */
  waitForEvent(name: string, predicate: (event: DapEvent) => boolean = () => true): Promise<DapEvent> {
    const matches = (event: DapEvent): boolean => event.event === name && predicate(event);
    const index = this.unclaimed.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.unclaimed.splice(index, 1)[0]);
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise((resolve, reject) => this.waiters.push({ matches, resolve, reject }));
  }

  /** Closes the connection (the adapter ends the session) and resolves once it is closed. */
  async close(): Promise<void> {
    this.socket.end();
    await this.closed;
  }

  private write(message: Record<string, unknown>): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.socket.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}${HEADER_END}`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length:\s*(\d+)/i.exec(header)?.[1]);
      if (!Number.isFinite(length)) {
        this.fail(new Error(`bad DAP header: ${header}`));
        this.socket.destroy();
        return;
      }
      const start = headerEnd + HEADER_END.length;
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as DapMessage;
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: DapMessage): void {
    if (message.type === 'response') {
      const response = message as DapResponse;
      const pending = this.pending.get(response.request_seq);
      this.pending.delete(response.request_seq);
      pending?.resolve(response);
      return;
    }
    if (message.type === 'event') {
      const event = message as DapEvent;
      this.seen.push(event);
      const waiter = this.waiters.find((candidate) => candidate.matches(event));
      if (waiter) {
        this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
        waiter.resolve(event);
      } else {
        this.unclaimed.push(event);
      }
      return;
    }
    // A reverse request (runInTerminal, startDebugging): this client supports none of them.
    const request = message as DapMessage & { command: string };
    this.write({ seq: this.seq++, type: 'response', request_seq: request.seq, command: request.command, success: false, message: 'not supported by the test client' });
  }

  private fail(error: Error): void {
    this.closedWith ??= error;
    for (const pending of this.pending.values()) pending.reject(this.closedWith);
    this.pending.clear();
    for (const waiter of this.waiters) waiter.reject(this.closedWith);
    this.waiters = [];
  }

  private describeSeen(): string {
    return this.seen.map((event) => (event.event === 'output' ? `output(${JSON.stringify(event.body?.output ?? '').slice(0, 80)})` : event.event)).join(', ') || 'none';
  }
}
