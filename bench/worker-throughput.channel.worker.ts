// Benchmark helper: the raw cost of a worker → worker MessageChannel, with no host around it.
// As 'send' it posts `count` messages of `batch` Raft-sized events to its port; as 'receive' it
// counts events and tells the main thread when `count × batch` have arrived.

interface Order {
  role: 'send' | 'receive';
  port: MessagePort;
  count: number;
  batch: number;
}

/** An event the size of a Raft heartbeat, as the real traffic is. */
const heartbeat = (i: number) => ({ type: 'MsgHeartbeat', from: 'etcd-0', to: 'etcd-1', term: 3, commit: i });

self.onmessage = (ev: MessageEvent<Order | 'go'>) => {
  const o = ev.data;
  if (o === 'go') return;
  if (o.role === 'receive') {
    let seen = 0;
    const total = o.count * o.batch;
    o.port.onmessage = (m: MessageEvent<unknown>) => {
      seen += Array.isArray(m.data) ? m.data.length : 1;
      if (seen >= total) self.postMessage('done');
    };
    self.postMessage('ready');
  } else {
    self.onmessage = () => {
      for (let i = 0; i < o.count; i++) {
        if (o.batch === 1) o.port.postMessage(heartbeat(i));
        else o.port.postMessage(Array.from({ length: o.batch }, (_, j) => heartbeat(i * o.batch + j)));
      }
    };
    self.postMessage('ready');
  }
};
